package io.aegis.registry.messaging;

import static io.aegis.registry.support.RegistryInstance.schemaBody;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.registry.support.RegistryInstance;
import io.aegis.registry.support.RegistryInstance.Response;
import io.aegis.registry.support.Schemas;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two registries on one broker and one store topic, written to at the same time: they must
 * never hand out one id for two schemas, and must agree on every id and version.
 */
@Tag("integration")
@WithKafka
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TwoInstancesIT {

    private static final int PER_INSTANCE = 12;
    private static final int OVERLAP = 4;

    @Test
    void shouldAgreeOnIdsWhenBothRegisterConcurrently(KafkaCluster kafka) throws Exception {
        String topic = "_schemas-shared";
        try (RegistryInstance a = RegistryInstance.start(kafka.bootstrapServers(), topic);
             RegistryInstance b = RegistryInstance.start(kafka.bootstrapServers(), topic)) {
            // given a shared subject with no compatibility rule, so every schema can follow any other
            a.put("/config/shared-value", "{\"compatibility\":\"NONE\"}");
            await().until(() -> b.get("/config/shared-value").status() == 200);

            // when both register overlapping sets of schemas at the same time, into the shared subject and their own
            List<Integer> fromA = IntStream.range(0, PER_INSTANCE).boxed().toList();
            List<Integer> fromB = IntStream.range(PER_INSTANCE - OVERLAP, 2 * PER_INSTANCE - OVERLAP).boxed().toList();
            Map<Integer, Integer> idsSeenByA;
            Map<Integer, Integer> idsSeenByB;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                Future<Map<Integer, Integer>> runA = pool.submit(() -> registerAll(a, "a", fromA, go));
                Future<Map<Integer, Integer>> runB = pool.submit(() -> registerAll(b, "b", fromB, go));
                go.countDown();
                idsSeenByA = runA.get(90, TimeUnit.SECONDS);
                idsSeenByB = runB.get(90, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }

            // then a schema both registered got the same id from both, and distinct schemas have distinct ids
            Map<Integer, Integer> idOfSchema = new HashMap<>(idsSeenByA);
            idsSeenByB.forEach((schema, id) -> assertEquals(idOfSchema.getOrDefault(schema, id), id, "schema " + schema));
            idOfSchema.putAll(idsSeenByB);
            int distinctSchemas = 2 * PER_INSTANCE - OVERLAP;
            assertEquals(distinctSchemas, new HashSet<>(idOfSchema.values()).size());

            // and both instances end with the same subject history, without gaps or duplicates
            String expectedVersions = IntStream.rangeClosed(1, distinctSchemas).boxed().toList().toString().replace(" ", "");
            await().atMost(Duration.ofSeconds(30)).until(() -> b.get("/subjects/shared-value/versions").body()
                    .equals(a.get("/subjects/shared-value/versions").body()));
            assertEquals(expectedVersions, a.get("/subjects/shared-value/versions").body());
            for (int version = 1; version <= distinctSchemas; version++) {
                Response atA = a.get("/subjects/shared-value/versions/" + version);
                Response atB = b.get("/subjects/shared-value/versions/" + version);
                assertEquals(atA.body(), atB.body());
            }
            for (Map.Entry<Integer, Integer> entry : idOfSchema.entrySet()) {
                assertEquals(a.get("/schemas/ids/" + entry.getValue()).body(), b.get("/schemas/ids/" + entry.getValue()).body());
            }
        }
    }

    private static Map<Integer, Integer> registerAll(RegistryInstance registry, String own, List<Integer> schemas,
                                                     CountDownLatch go) throws InterruptedException {
        go.await();
        Map<Integer, Integer> ids = new HashMap<>();
        for (int schema : schemas) {
            Response shared = registry.post("/subjects/shared-value/versions", schemaBody(Schemas.numbered(schema)));
            Response mine = registry.post("/subjects/" + own + "-" + schema + "-value/versions", schemaBody(Schemas.numbered(schema)));
            assertEquals(200, shared.status(), shared.body());
            assertEquals(shared.id(), mine.id(), "same schema, same id under another subject");
            ids.put(schema, shared.id());
        }
        return ids;
    }
}
