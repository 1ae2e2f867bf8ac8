package io.aegis.registry.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.domain.CompatibilityLevel;
import io.aegis.registry.domain.LogEntry.SchemaClaim;
import io.aegis.registry.domain.Outcome;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import io.micronaut.serde.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Kafka-backed store itself: claims resolved by log order, bad records skipped, readiness. */
@Tag("integration")
@WithKafka
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaSchemaStoreIT {

    private static final String X = canonical("{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}");
    private static final String Y = canonical("{\"type\":\"record\",\"name\":\"Y\",\"fields\":[]}");

    @Test
    void shouldLetOnlyTheFirstOfTwoCollidingClaimsWinOnEveryInstance(KafkaCluster kafka) {
        try (KafkaSchemaStore a = store(kafka, "_schemas-collide");
             KafkaSchemaStore b = store(kafka, "_schemas-collide")) {
            // given both stores ready on one topic
            await().atMost(Duration.ofSeconds(30)).until(() -> a.status().ready() && b.status().ready());

            // when both claim id 1 and version 1 of the same subject for different schemas, a first
            Outcome first = a.append(new SchemaClaim("claim-a", "s", 1, 1, X));
            Outcome second = b.append(new SchemaClaim("claim-b", "s", 1, 1, Y));

            // then the later claim is refused on the instance that wrote it, and both agree on the winner
            assertTrue(first.accepted());
            assertFalse(second.accepted());
            await().atMost(Duration.ofSeconds(10)).until(() -> a.state().idOf(X).isPresent());
            for (KafkaSchemaStore store : List.of(a, b)) {
                assertEquals(Optional.of(1), store.state().idOf(X));
                assertEquals(Optional.empty(), store.state().idOf(Y));
                assertEquals(1, store.state().versions("s", true).size());
            }
        }
    }

    @Test
    void shouldSkipARecordThatIsNotARegistryEntryAndKeepServing(KafkaCluster kafka) {
        // given a store topic holding a foreign record ahead of a valid entry
        String topic = "_schemas-garbage";
        kafka.createTopic(topic, 1, 1, Map.of("cleanup.policy", "compact"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "not json".getBytes(), "junk".getBytes()));
            producer.flush();
        }

        // when a store starts on it and writes
        try (KafkaSchemaStore store = store(kafka, topic)) {
            Outcome outcome = store.append(new SchemaClaim("claim", "s", 1, 1, X));

            // then the foreign record changed nothing and the store works
            assertTrue(outcome.accepted());
            assertTrue(store.status().ready(), store.status().detail());
            assertEquals(List.of("s"), store.state().subjects(false));
        }
    }

    private static KafkaSchemaStore store(KafkaCluster kafka, String topic) {
        StoreSettings settings = new StoreSettings(topic, Map.of("bootstrap.servers", kafka.bootstrapServers()),
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
