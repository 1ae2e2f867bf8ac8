package io.aegis.registry.messaging;

import io.aegis.registry.domain.CompatibilityLevel;
import io.aegis.registry.domain.LogEntry;
import io.aegis.registry.domain.Outcome;
import io.aegis.registry.domain.RegistryException;
import io.aegis.registry.domain.RegistryState;
import io.aegis.registry.domain.SchemaStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A {@link SchemaStore} kept in a one-partition compacted Kafka topic.
 *
 * <p>Every write is produced with acks=all by an idempotent producer and answered only after
 * this instance's reader has applied that very record, so the answer reflects how the log
 * resolved it. Ids cannot collide between instances: an instance never assigns an id by itself,
 * it appends a conditional claim, and the claim takes effect only if it is still valid at its
 * position in the single-partition log (see {@link LogEntry.SchemaClaim}); every instance
 * applies the same log in the same order, so all agree on which claim won and the loser retries.
 * Claims have unique keys, so compaction never removes one and a restart replays to the same ids.
 */
public final class KafkaSchemaStore implements SchemaStore, AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final StoreSettings settings;
    private final LogRecordCodec codec;
    private final RegistryState state;
    private final LogReader reader;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread readerThread;

    public KafkaSchemaStore(StoreSettings settings, LogRecordCodec codec, CompatibilityLevel defaultLevel) {
        this.settings = settings;
        this.codec = codec;
        this.state = new RegistryState(defaultLevel);
        this.reader = new LogReader(settings, codec, state);
        this.producer = new KafkaProducer<>(settings.producerProperties());
        this.readerThread = new Thread(reader, "aegis-registry-store-reader");
        this.readerThread.setDaemon(true);
    }

    /** Starts reading the store topic; the store is ready once {@link #status()} says so. */
    public void start() {
        readerThread.start();
    }

    @Override
    public Outcome append(LogEntry entry) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        awaitReady();
        String token = UUID.randomUUID().toString();
        CompletableFuture<Outcome> applied = reader.expect(token);
        try {
            LogRecordCodec.Encoded encoded = codec.encode(entry);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(settings.topic(), 0, encoded.key(), encoded.value());
            record.headers().add(LogReader.WRITE_TOKEN_HEADER, token.getBytes(StandardCharsets.UTF_8));
            RecordMetadata metadata = producer.send(record).get(remaining(deadline), TimeUnit.NANOSECONDS);
            try {
                return applied.get(remaining(deadline), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw RegistryException.timeout("the write at offset " + metadata.offset()
                        + " was not applied locally within " + settings.timeout());
            }
        } catch (TimeoutException e) {
            throw RegistryException.timeout("Kafka did not acknowledge the write within " + settings.timeout());
        } catch (ExecutionException e) {
            throw RegistryException.storeError(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("interrupted while writing", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw RegistryException.storeError(e.getMessage(), e);
        } finally {
            reader.forget(token);
        }
    }

    private void awaitReady() {
        try {
            if (!reader.awaitReady(settings.timeout())) {
                throw RegistryException.timeout("the store is not ready: " + reader.status().detail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("interrupted while waiting for the store", e);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** The state, once the store has caught up with the topic (reads never see a half-rebuilt state). */
    @Override
    public RegistryState state() {
        awaitReady();
        return state;
    }

    @Override
    public StoreStatus status() {
        return reader.status();
    }

    @Override
    public void close() {
        reader.close();
        try {
            readerThread.join(CLOSE_WAIT.toMillis());
            if (readerThread.isAlive()) {
                // still inside a blocking admin call (broker unreachable): do not hold shutdown for it
                readerThread.interrupt();
                readerThread.join(CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(CLOSE_WAIT);
        }
    }
}
