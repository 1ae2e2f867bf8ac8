package io.aegis.replay.messaging;

import io.aegis.replay.ReplayException;
import io.aegis.replay.domain.TimeRange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads one topic over a time range without joining a consumer group: start and end offsets come
 * from {@code offsetsForTimes}, so only the range is fetched. Records are handed over in
 * partition-offset order per partition; only committed records are seen. Invariant: every record
 * delivered has a timestamp inside the range and an offset below the range's end offset at the
 * time the read began, so a read terminates even while producers keep writing.
 */
public final class TopicRangeReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    private final KafkaAccess kafka;
    private final ProgressReporter progress;
    private KafkaConsumer<byte[], byte[]> consumer;

    public TopicRangeReader(KafkaAccess kafka, ProgressReporter progress) {
        this.kafka = kafka;
        this.progress = progress;
    }

    /** All records of {@code topic} in {@code range}, grouped by partition, each partition in offset order. */
    public List<RawRecord> readAll(String topic, TimeRange range) {
        List<RawRecord> records = new ArrayList<>();
        read(topic, range, records::add);
        return records;
    }

    /** Streams the records of {@code topic} in {@code range} to {@code sink}; returns how many were delivered. */
    public long read(String topic, TimeRange range, Consumer<RawRecord> sink) {
        List<TopicPartition> partitions = kafka.partitionsOf(topic);
        KafkaConsumer<byte[], byte[]> consumer = consumer();
        try {
            Map<TopicPartition, Long> start = offsetsAt(consumer, partitions, range.from().toEpochMilli());
            Map<TopicPartition, Long> end = offsetsAt(consumer, partitions, range.to().toEpochMilli());
            Map<TopicPartition, Long> remaining = new HashMap<>();
            long total = 0;
            for (TopicPartition partition : partitions) {
                if (start.get(partition) < end.get(partition)) {
                    remaining.put(partition, end.get(partition));
                    total += end.get(partition) - start.get(partition);
                }
            }
            progress.start(topic, total);
            long delivered = total == 0 ? 0 : drain(consumer, start, remaining, range, sink);
            progress.finish();
            return delivered;
        } catch (KafkaException e) {
            throw KafkaAccess.translate(topic, e);
        } finally {
            consumer.unsubscribe();
        }
    }

    /** One consumer serves every read of this reader: connections and metadata are reused across topics. */
    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            consumer = kafka.newConsumer();
        }
        return consumer;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    private long drain(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> start,
                       Map<TopicPartition, Long> remaining, TimeRange range, Consumer<RawRecord> sink) {
        consumer.assign(remaining.keySet());
        remaining.keySet().forEach(partition -> consumer.seek(partition, start.get(partition)));
        long delivered = 0;
        long lastProgress = System.nanoTime();
        while (!remaining.isEmpty()) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
            long fetched = 0;
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long endOffset = remaining.get(partition);
                if (endOffset == null || record.offset() >= endOffset) {
                    continue;
                }
                fetched++;
                if (range.contains(record.timestamp())) {
                    sink.accept(toRaw(record));
                    delivered++;
                }
            }
            progress.advance(fetched);
            lastProgress = fetched > 0 ? System.nanoTime() : lastProgress;
            retireFinished(consumer, remaining);
            if (!remaining.isEmpty() && System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                throw new ReplayException(ReplayException.FAILURE, "no progress reading " + remaining.keySet()
                        + " for " + STALL_LIMIT.toSeconds() + " s: is the cluster reachable?");
            }
        }
        return delivered;
    }

    private static void retireFinished(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> remaining) {
        List<TopicPartition> done = remaining.entrySet().stream()
                .filter(entry -> consumer.position(entry.getKey()) >= entry.getValue())
                .map(Map.Entry::getKey)
                .toList();
        if (!done.isEmpty()) {
            done.forEach(remaining::remove);
            consumer.pause(done);
        }
    }

    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<byte[], byte[]> consumer,
                                                       List<TopicPartition> partitions, long timestamp) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, timestamp));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp hit = found.get(partition);
            offsets.put(partition, hit == null ? ends.get(partition) : Math.min(hit.offset(), ends.get(partition)));
        }
        return offsets;
    }

    private static RawRecord toRaw(ConsumerRecord<byte[], byte[]> record) {
        List<RawRecord.Header> headers = new ArrayList<>();
        record.headers().forEach(header -> headers.add(new RawRecord.Header(header.key(), header.value())));
        return new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), headers);
    }
}
