package io.aegis.devstack.e2e;

import io.aegis.devstack.bench.IsolatedStack;
import io.aegis.devstack.bench.SseSubscription;
import io.aegis.devstack.domain.DemoRole;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * Each node's duty-officer notification stream ({@code GET /api/v1/notifications/stream}), held
 * open for the whole test class and recorded, so that a test can wait for a notification kind
 * about a case exactly as an officer's console would receive it.
 */
final class OfficerStreams implements AutoCloseable {

    private final Map<String, List<SseSubscription.Event>> received = new ConcurrentHashMap<>();
    private final List<SseSubscription> subscriptions = new ArrayList<>();

    private OfficerStreams() {
    }

    static OfficerStreams open(IsolatedStack stack, List<String> countries) {
        OfficerStreams streams = new OfficerStreams();
        for (String country : countries) {
            List<SseSubscription.Event> events = new CopyOnWriteArrayList<>();
            streams.received.put(country, events);
            URI url = stack.nodeUrl(country).resolve("/api/v1/notifications/stream");
            streams.subscriptions.add(SseSubscription.open(url, stack.token(country, DemoRole.OFFICER), events::add));
        }
        return streams;
    }

    /** Waits for a notification of {@code kind} about {@code caseId} on the country's stream. */
    Map<String, Object> await(String country, String caseId, String kind, Duration atMost) {
        subscriptions.forEach(s -> s.failure().ifPresent(e -> {
            throw new AssertionError("an officer stream failed: " + e, e);
        }));
        return Awaitility.await(kind + " about " + caseId + " on " + country + "'s officer stream")
                .atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> forCase(country, caseId).stream().filter(n -> kind.equals(n.get("kind"))).findFirst(),
                        Optional::isPresent).orElseThrow();
    }

    /** The notifications received so far on the country's stream about {@code caseId}. */
    List<Map<String, Object>> forCase(String country, String caseId) {
        return received.get(country).stream().map(SseSubscription.Event::data)
                .filter(data -> caseId.equals(data.get("caseId"))).toList();
    }

    @Override
    public void close() {
        subscriptions.forEach(SseSubscription::close);
    }
}
