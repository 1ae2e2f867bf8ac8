package io.aegis.devstack.bench;

import io.aegis.devstack.demo.DemoNetwork;
import io.aegis.devstack.demo.NodeClient;
import io.aegis.devstack.domain.DemoRole;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one probe at a time: posts its preparatory signals, then the timed one, and waits for the
 * {@code CASE_OPENED} notification on the watched country's officer stream whose case holds the
 * timed signal. The latency runs from just before the timed POST is sent to the arrival of that
 * event. Invariant: a notification is attributed to a probe only after the node confirmed that
 * its case holds the probe's signal, so a late event of an earlier probe never counts.
 */
public final class ProbeRunner {

    private final DemoNetwork network;
    private final Map<String, BlockingQueue<SseSubscription.Event>> caseOpened;
    private final Duration timeout;
    private final Duration settle;

    /**
     * @param caseOpened {@code CASE_OPENED} events per country, fed by that country's officer stream
     * @param timeout    how long a probe waits for its notification before it counts as missed
     * @param settle     pause between the preparatory signals and the timed one, so they are counted first
     */
    public ProbeRunner(DemoNetwork network, Map<String, BlockingQueue<SseSubscription.Event>> caseOpened,
                       Duration timeout, Duration settle) {
        this.network = network;
        this.caseOpened = caseOpened;
        this.timeout = timeout;
        this.settle = settle;
    }

    /** The probe's latency in nanoseconds, or empty when its notification did not come within the timeout. */
    public Optional<Long> run(BenchSignals.Probe probe) throws IOException, InterruptedException {
        for (BenchSignals.Posted posted : probe.preparation()) {
            post(posted);
        }
        if (!probe.preparation().isEmpty()) {
            Thread.sleep(settle.toMillis());
        }
        BlockingQueue<SseSubscription.Event> events = caseOpened.get(probe.watchCountry());
        events.clear();
        long sent = System.nanoTime();
        String signalId = post(probe.timed());
        NodeClient officer = network.client(probe.watchCountry(), DemoRole.OFFICER);
        long deadline = sent + timeout.toNanos();
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            SseSubscription.Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null && holds(officer, String.valueOf(event.data().get("caseId")), signalId)) {
                return Optional.of(event.receivedNanos() - sent);
            }
        }
        return Optional.empty();
    }

    private String post(BenchSignals.Posted posted) throws IOException, InterruptedException {
        NodeClient.Reply reply = network.client(posted.country(), DemoRole.PUBLISHER).postJson("/api/v1/signals",
                posted.signal());
        if (reply.status() != 202) {
            throw new IOException(posted.country() + " refused a probe signal: " + reply.status() + " " + reply.body());
        }
        return String.valueOf(reply.body().get("id"));
    }

    private static boolean holds(NodeClient officer, String caseId, String signalId) throws IOException, InterruptedException {
        NodeClient.Reply reply = officer.get("/api/v1/cases/" + caseId);
        return reply.ok() && reply.body().get("signalIds") instanceof List<?> ids && ids.contains(signalId);
    }
}
