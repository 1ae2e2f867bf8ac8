package io.aegis.devstack.drill;

import io.aegis.devstack.demo.NodeClient;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drill's load: one signal at a time through {@code POST /api/v1/signals} at a fixed rate,
 * round-robin over the publishers, each tagged with the phase current when it is offered. Invariants:
 * every offered signal is recorded with its outcome (202 or not), never retried, so that a signal
 * the drill counts as accepted was acknowledged exactly once; the offer never waits for the network
 * (a call still running past its slot runs on, another sender takes the next slot).
 */
public final class DrillLoad implements AutoCloseable {

    private static final int SENDERS = 8;

    private final List<NodeClient> publishers;
    private final DrillSignals signals;
    private final long periodMicros;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger phase = new AtomicInteger();
    private final Queue<DrillRecord.Sent> sent = new ConcurrentLinkedQueue<>();

    public DrillLoad(List<NodeClient> publishers, DrillSignals signals, int ratePerSecond) {
        if (publishers.isEmpty() || ratePerSecond < 1 || ratePerSecond > 1000) {
            throw new IllegalArgumentException("the drill needs publishers and a rate within 1..1000 signals/s, got "
                    + publishers.size() + " publishers and rate " + ratePerSecond);
        }
        this.publishers = List.copyOf(publishers);
        this.signals = signals;
        this.periodMicros = 1_000_000L / ratePerSecond;
    }

    public void start() {
        ticker.scheduleAtFixedRate(this::offer, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Signals offered from now on belong to phase {@code index}. */
    public void phase(int index) {
        phase.set(index);
    }

    private void offer() {
        long n = sequence.getAndIncrement();
        int current = phase.get();
        NodeClient node = publishers.get((int) (n % publishers.size()));
        senders.execute(() -> send(node, current, DrillSignals.token(node.country(), n)));
    }

    private void send(NodeClient node, int current, String token) {
        String outcome;
        boolean accepted = false;
        try {
            NodeClient.Reply reply = node.postJson("/api/v1/signals", signals.signal(current, token));
            accepted = reply.status() == 202;
            outcome = Integer.toString(reply.status());
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        sent.add(new DrillRecord.Sent(token, current, node.country(), accepted, outcome));
    }

    /** Stops offering and waits for the calls in flight (each ends within the client's timeout). */
    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        senders.shutdown();
        if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
            senders.shutdownNow();
        }
    }

    /** Every signal offered so far with its outcome. */
    public List<DrillRecord.Sent> sent() {
        return List.copyOf(sent);
    }
}
