package io.aegis.devstack.drill;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.SharedSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what the network wrote during a drill, as the stack's Kafka administrator: the delivered
 * copies ({@code SharedSignal}) of the run's signals in every inbox, and the times of the records on
 * {@code aegis.escalations} and {@code aegis.notify.<CC>}. Invariants: only committed records are
 * read ({@code read_committed}); partitions are assigned and sought by time, with no consumer group,
 * so reading leaves no trace on the cluster; each scan reads up to the end offsets of its start.
 */
public final class DrillTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> admin;
    private final Deserializer<InboxEvent> inboxEvents;

    /** {@code admin}: the administrator's client properties; {@code inboxEvents}: the inboxes' value deserializer. */
    public DrillTopics(Map<String, Object> admin, Deserializer<InboxEvent> inboxEvents) {
        this.admin = admin;
        this.inboxEvents = inboxEvents;
    }

    /** The copies of {@code signals}' run in the inboxes of {@code countries}, written since {@code since}. */
    public List<DrillRecord.Copy> copies(List<String> countries, DrillSignals signals, Instant since) {
        List<DrillRecord.Copy> copies = new ArrayList<>();
        for (String country : countries) {
            String topic = TopicNames.inbox(country);
            scan(topic, since, (record, value) -> {
                InboxEvent event = inboxEvents.deserialize(topic, value);
                if (event != null && event.getPayload() instanceof SharedSignal copy) {
                    Optional<DrillSignals.Marker> marker = signals.marker(copy.getContent().getTitle());
                    marker.ifPresent(m -> copies.add(new DrillRecord.Copy(country, m.token(), m.phase(),
                            copy.getSignalId())));
                }
            });
        }
        return copies;
    }

    /** The timestamps of the records written on {@code topics} since {@code since}. */
    public List<Instant> times(List<String> topics, Instant since) {
        List<Instant> times = new ArrayList<>();
        for (String topic : topics) {
            scan(topic, since, (record, value) -> times.add(Instant.ofEpochMilli(record.timestamp())));
        }
        return times;
    }

    private void scan(String topic, Instant since, BiConsumer<ConsumerRecord<byte[], byte[]>, byte[]> each) {
        Properties props = new Properties();
        props.putAll(admin);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(query, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp start = from.get(p);
                consumer.seek(p, start == null ? end.get(p) : start.offset());
            }
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (!caughtUp(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within "
                            + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
                            && record.value() != null) {
                        each.accept(record, record.value());
                    }
                }
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
