package io.aegis.registry.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.domain.CompatibilityLevel;
import io.aegis.registry.domain.LogEntry.ConfigChange;
import io.aegis.registry.domain.LogEntry.SchemaClaim;
import io.aegis.registry.domain.LogEntry.SubjectDeletion;
import io.aegis.registry.domain.RegistryState;
import io.aegis.registry.domain.SubjectVersion;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import io.micronaut.serde.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A compacted store topic replays to the same state: compaction drops superseded configuration,
 * never a claim (not even a refused claim sharing subject, version and id with the winner).
 */
@Tag("integration")
@WithKafka(brokerProperties = {"log.cleaner.backoff.ms=100"})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CompactionIT {

    private static final String TOPIC = "_schemas-compacted";
    private static final String X = canonical("{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}");
    private static final String Y = canonical("{\"type\":\"record\",\"name\":\"Y\",\"fields\":[]}");

    @Test
    void shouldRebuildTheSameStateFromACompactedTopic(KafkaCluster kafka) {
        // given a topic the log cleaner compacts aggressively, and a history with superseded config and a lost claim
        kafka.createTopic(TOPIC, 1, 1, Map.of("cleanup.policy", "compact", "segment.ms", "100",
                "min.cleanable.dirty.ratio", "0.01", "min.compaction.lag.ms", "0", "delete.retention.ms", "0"));
        Map<String, List<SubjectVersion>> before;
        try (KafkaSchemaStore writer = store(kafka)) {
            assertTrue(writer.append(new SchemaClaim("win", "s", 1, 1, X)).accepted());
            assertFalse(writer.append(new SchemaClaim("lose", "s", 1, 1, Y)).accepted());
            assertTrue(writer.append(new SchemaClaim("other", "t", 1, 2, Y)).accepted());
            writer.append(new SubjectDeletion("delete-t", "t"));

            // when configuration keeps changing until the cleaner has dropped superseded records
            int writes = 4;
            long[] sequence = {0};
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                CompatibilityLevel level = sequence[0]++ % 2 == 0 ? CompatibilityLevel.FULL : CompatibilityLevel.NONE;
                writer.append(new ConfigChange("s", level));
                return keysInTopic(kafka).size() < writes + sequence[0];
            });
            assertEquals(writes, keysInTopic(kafka).stream().filter(key -> key.contains("\"claim\"")).count(),
                    "every claim and deletion survives compaction");
            writer.append(new ConfigChange("s", CompatibilityLevel.FORWARD_TRANSITIVE));
            before = snapshot(writer.state());
        }

        // then a new store reading the compacted topic has exactly the same state
        try (KafkaSchemaStore reader = store(kafka)) {
            RegistryState state = reader.state();
            assertEquals(before, snapshot(state));
            assertEquals(Optional.of(1), state.idOf(X));
            assertEquals(Optional.of(2), state.idOf(Y));
            assertEquals(CompatibilityLevel.FORWARD_TRANSITIVE, state.effectiveLevel("s"));
        }
    }

    private static List<String> keysInTopic(KafkaCluster kafka) {
        Map<String, Object> props = new HashMap<>(kafka.consumerProps("compaction-probe"));
        props.remove("group.id");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> keys = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
            }
            return keys;
        }
    }

    private static Map<String, List<SubjectVersion>> snapshot(RegistryState state) {
        Map<String, List<SubjectVersion>> snapshot = new HashMap<>();
        state.subjects(true).forEach(subject -> snapshot.put(subject, state.versions(subject, true)));
        return snapshot;
    }

    private static KafkaSchemaStore store(KafkaCluster kafka) {
        StoreSettings settings = new StoreSettings(TOPIC, Map.of("bootstrap.servers", kafka.bootstrapServers()),
                Duration.ofSeconds(15), Optional.empty());
        KafkaSchemaStore store = new KafkaSchemaStore(settings, new LogRecordCodec(ObjectMapper.getDefault()),
                CompatibilityLevel.BACKWARD);
        store.start();
        return store;
    }

    private static String canonical(String schema) {
        return new Schema.Parser().parse(schema).toString();
    }
}
