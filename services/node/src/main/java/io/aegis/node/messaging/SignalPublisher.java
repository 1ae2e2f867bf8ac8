package io.aegis.node.messaging;

import io.aegis.kafka.crypto.SignalSigner;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes this node's signals and retractions on {@code aegis.outbox.<CC>}: assigns the id,
 * canonical content hash and Ed25519 signature, and completes only once Kafka acknowledged.
 * Invariant: every record written is signed with the node's key and carries its own country.
 */
@Singleton
public class SignalPublisher {

    /** What the API answers for an accepted write. */
    public record Accepted(String id, String contentHash, String topic, int partition, long offset) {
    }

    private final NodeIdentity node;
    private final Topic<String, OutboxEvent> outbox;
    private final AckedWriter writer;
    private final Clock clock;
    private final Timer latency;
    /**
     * Signals this node published and Kafka acknowledged, kept until the node's own-signals store
     * (which reads them back from the outbox) surely holds them: a retraction or downgrade right
     * after the 202 must find its signal (read your own writes).
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, ThreatSignal> recent =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();

    public SignalPublisher(NodeIdentity node, Topics topics, AckedWriter writer, MeterRegistry meters) {
        this.node = node;
        this.outbox = topics.outbox(node.country());
        this.writer = writer;
        this.clock = Clock.systemUTC();
        this.latency = Timer.builder("aegis.node.produce.latency").description("time from send to broker acknowledgement")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Signs and writes a new signal with a fresh id. */
    public CompletableFuture<Accepted> publish(SignalContent content) {
        ThreatSignal signal = SignalSigner.signNew(UUID.randomUUID().toString(), node.country(), node.agency(),
                clock.instant(), content, node.keyId(), node.signingKey());
        return write(signal.getId(), new OutboxEvent(signal), signal.getContentHash()).thenApply(accepted -> {
            recent.put(signal.getId(), signal);
            return accepted;
        });
    }

    /** A signal this node published recently and Kafka acknowledged, if any (see {@link #recent}). */
    public java.util.Optional<ThreatSignal> recentlyPublished(String id) {
        return java.util.Optional.ofNullable(recent.getIfPresent(id));
    }

    /** Signs and writes a retraction or downgrade of an own signal. */
    public CompletableFuture<Accepted> publish(Retraction unsigned, String contentHash) {
        Retraction signed = SignalSigner.sign(unsigned, node.signingKey());
        return write(signed.getSignalId(), new OutboxEvent(signed), contentHash);
    }

    private CompletableFuture<Accepted> write(String id, OutboxEvent event, String contentHash) {
        long start = System.nanoTime();
        return writer.write(outbox, id, event).thenApply(meta -> {
            latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            return new Accepted(id, contentHash, meta.topic(), meta.partition(), meta.offset());
        });
    }
}
