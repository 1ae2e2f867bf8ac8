package io.aegis.registry.messaging;

import static io.aegis.registry.support.RegistryInstance.schemaBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.awaitility.Awaitility.await;

import io.aegis.registry.domain.CompatibilityLevel;
import io.aegis.registry.domain.LogEntry.ConfigChange;
import io.aegis.registry.domain.RegistryException;
import io.aegis.registry.domain.SchemaStore.StoreStatus;
import io.aegis.registry.support.RegistryInstance;
import io.aegis.registry.support.Schemas;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import io.micronaut.serde.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry's state lives in its topic: a restarted registry answers exactly as before. */
@Tag("integration")
@WithKafka
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryRestartIT {

    @Test
    void shouldKeepIdsVersionsConfigAndDeletionsAcrossARestart(KafkaCluster kafka) throws Exception {
        // given a registry that registered, configured and deleted, then stopped
        String topic = "_schemas-restart";
        int v1;
        int v2;
        int other;
        try (RegistryInstance first = RegistryInstance.start(kafka.bootstrapServers(), topic)) {
            v1 = first.post("/subjects/signals-value/versions", schemaBody(Schemas.V1)).id();
            v2 = first.post("/subjects/signals-value/versions", schemaBody(Schemas.ADDED_WITH_DEFAULT)).id();
            other = first.post("/subjects/other-value/versions", schemaBody(Schemas.OTHER)).id();
            first.put("/config/signals-value", "{\"compatibility\":\"FULL\"}");
            first.put("/config", "{\"compatibility\":\"FORWARD\"}");
            first.delete("/subjects/other-value");
        }

        // when a new registry starts on the same topic
        try (RegistryInstance second = RegistryInstance.start(kafka.bootstrapServers(), topic)) {
            // then it answers as the first did
            assertEquals(v1, second.get("/subjects/signals-value/versions/1").id());
            assertEquals(v2, second.get("/subjects/signals-value/versions/latest").id());
            assertEquals(new Schema.Parser().parse(Schemas.OTHER).toString(), second.get("/schemas/ids/" + other + "/schema").body());
            assertEquals("[\"signals-value\"]", second.get("/subjects").body());
            assertEquals(40401, second.get("/subjects/other-value/versions").errorCode());
            assertEquals("FULL", second.get("/config/signals-value").json().path("compatibilityLevel").asText());
            assertEquals("FORWARD", second.get("/config").json().path("compatibilityLevel").asText());

            // and it continues the same sequences: next id, next version, same id for a known schema
            int next = second.post("/subjects/signals-value/versions", schemaBody(Schemas.ID_WITH_DEFAULT)).id();
            assertEquals(Math.max(v2, other) + 1, next);
            assertEquals("[1,2,3]", second.get("/subjects/signals-value/versions").body());
            assertEquals(other, second.post("/subjects/other-value/versions", schemaBody(Schemas.OTHER)).id());
        }
        assertStoreTopicIsOneCompactedPartition(kafka, topic);
    }

    @Test
    void shouldStayDownAndRefuseWritesWhileTheStoreTopicCannotBeUsed(KafkaCluster kafka) {
        // given a topic with two partitions: claims would have no single order
        kafka.createTopic("_schemas-broken", 2, 1, Map.of("cleanup.policy", "compact"));
        StoreSettings settings = new StoreSettings("_schemas-broken",
                Map.of("bootstrap.servers", kafka.bootstrapServers()), Duration.ofSeconds(2), Optional.empty());

        // when
        try (KafkaSchemaStore store = new KafkaSchemaStore(settings, new LogRecordCodec(ObjectMapper.getDefault()),
                CompatibilityLevel.BACKWARD)) {
            store.start();

            // then the store reports why it is not ready, and a write times out with 50002 rather than guessing
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> store.status().detail().contains("2 partitions"));
            StoreStatus status = store.status();
            assertFalse(status.ready(), status.detail());
            RegistryException error = assertThrows(RegistryException.class,
                    () -> store.append(new ConfigChange(null, CompatibilityLevel.NONE)));
            assertEquals(50002, error.errorCode());
        }
    }

    private static void assertStoreTopicIsOneCompactedPartition(KafkaCluster kafka, String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            String policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("cleanup.policy").value();
            assertEquals(1, description.partitions().size());
            assertEquals("compact", policy);
        }
    }
}
