package io.aegis.node.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One webhook consumer's poll loop, a turn at a time: a polled batch is handed to deliveries that
 * run asynchronously; while any is in flight the assigned partitions stay paused and the loop keeps
 * polling, so the consumer stays in its group however long webhooks and their retries take
 * (max.poll.interval.ms never bounds a retry budget). Invariants: an offset is committed only
 * after the delivery of that record and of every earlier record of its partition completed
 * (accepted by every webhook, or dead-lettered with the DLQ write acknowledged); a record whose
 * delivery failed is read again after a backoff; outcomes of partitions revoked meanwhile are
 * dropped, since their new owner reads those records again. Not thread-safe: one thread, the
 * consumer's, calls {@link #pollOnce()}.
 */
final class WebhookPollLoop implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookPollLoop.class);
    static final Duration IDLE_POLL = Duration.ofMillis(500);
    static final Duration BUSY_POLL = Duration.ofMillis(100);

    private record Pending(long offset, CompletableFuture<Void> outcome) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Function<ConsumerRecord<byte[], byte[]>, CompletableFuture<Void>> deliver;
    private final long backoffNanos;
    private final LongSupplier nanoTime;
    private final Map<TopicPartition, List<Pending>> inFlight = new HashMap<>();
    private long retryAt;
    private boolean backingOff;

    WebhookPollLoop(Consumer<byte[], byte[]> consumer,
                    Function<ConsumerRecord<byte[], byte[]>, CompletableFuture<Void>> deliver,
                    Duration retryBackoff, LongSupplier nanoTime) {
        this.consumer = consumer;
        this.deliver = deliver;
        this.backoffNanos = retryBackoff.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Records whose delivery has started and not been committed yet. */
    int inFlight() {
        return inFlight.values().stream().mapToInt(List::size).sum();
    }

    /** One poll, then whatever the state allows: start a batch, or commit a finished one. */
    void pollOnce() {
        boolean busy = !inFlight.isEmpty() || backingOff();
        if (busy) {
            // also pauses partitions a rebalance assigned since the batch started
            consumer.pause(consumer.assignment());
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(busy ? BUSY_POLL : IDLE_POLL);
        if (busy) {
            rewind(records);
        } else {
            start(records);
        }
        if (!inFlight.isEmpty() && inFlight.values().stream().flatMap(List::stream).allMatch(p -> p.outcome().isDone())) {
            finish();
        }
        if (inFlight.isEmpty() && !backingOff() && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private boolean backingOff() {
        if (backingOff && nanoTime.getAsLong() - retryAt >= 0) {
            backingOff = false;
        }
        return backingOff;
    }

    private void start(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<Pending> pending = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                pending.add(new Pending(record.offset(), safely(record)));
            }
            inFlight.put(partition, pending);
        }
    }

    private CompletableFuture<Void> safely(ConsumerRecord<byte[], byte[]> record) {
        try {
            return deliver.apply(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Records a paused consumer returned anyway (a partition assigned mid-poll): read them again later. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void finish() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        inFlight.forEach((partition, pending) -> {
            long next = -1;
            for (Pending p : pending) {
                if (p.outcome().isCompletedExceptionally()) {
                    LOG.warn("Webhook delivery of {}@{} did not complete ({}); reading it again in {} ms", partition,
                            p.offset(), failure(p.outcome()), backoffNanos / 1_000_000);
                    consumer.seek(partition, p.offset());
                    backingOff = true;
                    retryAt = nanoTime.getAsLong() + backoffNanos;
                    break;
                }
                next = p.offset() + 1;
            }
            if (next >= 0) {
                commits.put(partition, new OffsetAndMetadata(next));
            }
        });
        inFlight.clear();
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
    }

    private static String failure(CompletableFuture<Void> outcome) {
        try {
            outcome.join();
            return "done";
        } catch (RuntimeException e) {
            return String.valueOf(e.getCause() != null ? e.getCause() : e);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        drop(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!inFlight.isEmpty() || backingOff) {
            consumer.pause(partitions);
        }
    }

    private void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            if (inFlight.remove(partition) != null) {
                LOG.info("Partition {} was revoked with webhook deliveries in flight; its new owner delivers them again",
                        partition);
            }
        }
    }
}
