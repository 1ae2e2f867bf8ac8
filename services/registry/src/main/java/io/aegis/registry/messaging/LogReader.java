package io.aegis.registry.messaging;

import io.aegis.registry.domain.LogEntry;
import io.aegis.registry.domain.Outcome;
import io.aegis.registry.domain.RegistryState;
import io.aegis.registry.domain.SchemaStore.StoreStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's reader thread: rebuilds the state from the beginning of the store topic, becomes
 * ready once it has read up to the end offset seen at start-up, then follows the topic.
 *
 * <p>It is the only writer of the {@link RegistryState}; entries are applied strictly in offset
 * order. A write made through this instance carries a token header; applying that record
 * completes the writer's pending future with the entry's {@link Outcome}. A record that is not a
 * registry entry is logged and skipped (it changes nothing on any instance).
 */
final class LogReader implements Runnable {

    static final String WRITE_TOKEN_HEADER = "aegis.registry.write";
    private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long RETRY_BACKOFF_MS = 1_000;

    private final StoreSettings settings;
    private final LogRecordCodec codec;
    private final RegistryState state;
    private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final CountDownLatch readyLatch = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile String detail = "starting";
    private volatile boolean healthy = true;

    LogReader(StoreSettings settings, LogRecordCodec codec, RegistryState state) {
        this.settings = settings;
        this.codec = codec;
        this.state = state;
    }

    @Override
    public void run() {
        try {
            prepareTopic();
            consumer = new KafkaConsumer<>(settings.consumerProperties());
            TopicPartition partition = new TopicPartition(settings.topic(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long startEnd = endOffset(partition);
            detail = "catching up to offset " + startEnd;
            follow(partition, startEnd);
        } catch (WakeupException | InterruptException | InterruptedException e) {
            LOG.debug("store reader stopped");
        } catch (RuntimeException e) {
            healthy = false;
            detail = "store reader failed: " + e;
            LOG.error("Schema store reader failed; the registry cannot serve", e);
        } finally {
            if (consumer != null) {
                consumer.close();
            }
            pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("store closed")));
        }
    }

    private void prepareTopic() throws InterruptedException {
        while (closed.getCount() > 0) {
            try {
                StoreTopic.ensure(settings, settings.timeout().toMillis());
                return;
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    throw (InterruptedException) e;
                }
                detail = "cannot prepare store topic '" + settings.topic() + "': " + describe(e);
                LOG.warn("{}; retrying", detail);
                closed.await(RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
            }
        }
        throw new InterruptedException("closed while preparing the store topic");
    }

    private String describe(Exception e) {
        if (e instanceof TimeoutException) {
            return "no answer from Kafka at " + settings.clientProperties().get("bootstrap.servers")
                    + " within " + settings.timeout();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private long endOffset(TopicPartition partition) throws InterruptedException {
        while (closed.getCount() > 0) {
            try {
                return consumer.endOffsets(List.of(partition), settings.timeout()).get(partition);
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                detail = "cannot read the end offset of '" + settings.topic() + "': " + e.getMessage();
                LOG.warn("{}; retrying", detail);
                closed.await(RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
            }
        }
        throw new InterruptedException("closed while reading the end offset");
    }

    private void follow(TopicPartition partition, long startEnd) throws InterruptedException {
        while (closed.getCount() > 0) {
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                long position = consumer.position(partition);
                healthy = true;
                if (readyLatch.getCount() > 0 && position >= startEnd) {
                    readyLatch.countDown();
                }
                detail = "applied up to offset " + position;
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                healthy = false;
                detail = "store reader error: " + e.getMessage();
                LOG.warn("{}; retrying", detail, e);
                closed.await(RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String token = token(record);
        CompletableFuture<Outcome> waiting = token == null ? null : pending.get(token);
        try {
            LogEntry entry = codec.decode(record.key(), record.value());
            Outcome outcome = state.apply(entry);
            if (waiting != null) {
                waiting.complete(outcome);
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping record at {}-{} offset {} of the store topic: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            if (waiting != null) {
                waiting.completeExceptionally(e);
            }
        }
    }

    private static String token(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(WRITE_TOKEN_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Registers interest in the outcome of the record carrying {@code token}. */
    CompletableFuture<Outcome> expect(String token) {
        return pending.computeIfAbsent(token, t -> new CompletableFuture<>());
    }

    void forget(String token) {
        pending.remove(token);
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        return readyLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    StoreStatus status() {
        return new StoreStatus(readyLatch.getCount() == 0 && healthy, detail);
    }

    void close() {
        closed.countDown();
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
