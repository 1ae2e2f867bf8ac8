package io.aegis.node.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookPollLoopTest {

    static final String TOPIC = "aegis.notify.FR";
    final TopicPartition p0 = new TopicPartition(TOPIC, 0);
    final TopicPartition p1 = new TopicPartition(TOPIC, 1);
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    final Map<Long, CompletableFuture<Void>> deliveries = new HashMap<>();
    final List<Long> started = new ArrayList<>();
    final AtomicLong now = new AtomicLong();
    WebhookPollLoop loop;

    @BeforeEach
    void subscribe() {
        loop = new WebhookPollLoop(consumer, record -> {
            started.add(record.offset());
            return deliveries.computeIfAbsent(record.partition() * 1000L + record.offset(), k -> new CompletableFuture<>());
        }, Duration.ofSeconds(5), now::get);
        consumer.subscribe(List.of(TOPIC), loop);
        consumer.rebalance(List.of(p0, p1));
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
    }

    void add(TopicPartition partition, long offset) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, partition.partition(), offset, new byte[0], new byte[0]));
    }

    CompletableFuture<Void> delivery(TopicPartition partition, long offset) {
        return deliveries.get(partition.partition() * 1000L + offset);
    }

    Long committed(TopicPartition partition) {
        OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
        return offset == null ? null : offset.offset();
    }

    @Test
    void shouldKeepPollingWithPartitionsPausedAndCommitNothingWhileDeliveriesAreInFlight() {
        add(p0, 0);
        add(p0, 1);

        loop.pollOnce();
        for (int i = 0; i < 5; i++) {
            // why: a webhook retrying for longer than max.poll.interval.ms must not get the consumer evicted
            loop.pollOnce();
        }

        assertEquals(List.of(0L, 1L), started);
        assertEquals(Set.of(p0, p1), consumer.paused());
        assertNull(committed(p0));
        assertEquals(2, loop.inFlight());
    }

    @Test
    void shouldCommitTheBatchAndResumeOnceEveryDeliveryCompleted() {
        add(p0, 0);
        add(p0, 1);
        add(p1, 0);
        loop.pollOnce();

        delivery(p0, 0).complete(null);
        delivery(p0, 1).complete(null);
        loop.pollOnce();
        assertNull(committed(p0), "nothing is committed before the whole batch is done");

        delivery(p1, 0).complete(null);
        loop.pollOnce();

        assertEquals(2L, committed(p0));
        assertEquals(1L, committed(p1));
        assertTrue(consumer.paused().isEmpty());
        assertEquals(0, loop.inFlight());
    }

    @Test
    void shouldNotCommitARecordWhoseDeadLetterWriteFailedAndReadItAgainAfterTheBackoff() {
        add(p0, 0);
        add(p0, 1);
        add(p0, 2);
        loop.pollOnce();

        delivery(p0, 0).complete(null);
        delivery(p0, 1).completeExceptionally(new IllegalStateException("DLQ write not acknowledged"));
        delivery(p0, 2).complete(null);
        loop.pollOnce();

        // Then only the record before the failure is committed, and the failed one is next to read
        assertEquals(1L, committed(p0));
        assertEquals(1L, consumer.position(p0));
        assertEquals(Set.of(p0, p1), consumer.paused(), "backing off");

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        add(p0, 1);
        loop.pollOnce();
        loop.pollOnce();

        assertEquals(List.of(0L, 1L, 2L, 1L), started);
    }

    @Test
    void shouldDropOutcomesOfPartitionsRevokedWhileDeliveringAndCommitTheRest() {
        add(p0, 0);
        add(p1, 0);
        loop.pollOnce();

        consumer.rebalance(List.of(p1));
        delivery(p0, 0).complete(null);
        delivery(p1, 0).complete(null);
        loop.pollOnce();

        assertNull(committed(p0), "the new owner of partition 0 delivers its records again");
        assertEquals(1L, committed(p1));
    }

    @Test
    void shouldTreatADeliveryThatThrowsAsFailedRatherThanStopTheLoop() {
        WebhookPollLoop throwing = new WebhookPollLoop(consumer, record -> {
            throw new IllegalStateException("boom");
        }, Duration.ofSeconds(5), now::get);
        consumer.subscribe(List.of(TOPIC), throwing);
        consumer.rebalance(List.of(p0));
        add(p0, 0);

        throwing.pollOnce();
        throwing.pollOnce();

        assertNull(committed(p0));
        assertEquals(0L, consumer.position(p0));
    }
}
