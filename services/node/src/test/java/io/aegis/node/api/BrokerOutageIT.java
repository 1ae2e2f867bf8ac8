package io.aegis.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 202 only after the broker acknowledged: with the broker down the API says 503 in time and nothing lands later. */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerOutageIT {

    static final ObjectMapper JSON = new ObjectMapper();
    NodeHarness node;
    KafkaCluster kafka;

    @BeforeAll
    void start(KafkaCluster kafka) {
        this.kafka = kafka;
        node = new NodeHarness(kafka, Map.of());
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void shouldAnswer503WhileTheBrokerIsDownClaimNothingAndResumeWhenItIsBack() throws Exception {
        List<String> accepted = new ArrayList<>();
        String body = SignalApiIT.example().toString();
        HttpResponse<String> before = node.post("/api/v1/signals", NodeHarness.PUBLISHER, body);
        assertEquals(202, before.statusCode(), before.body());
        accepted.add(JSON.readTree(before.body()).get("id").asText());

        // When the only broker stops
        kafka.stopBroker(0);
        long start = System.nanoTime();
        HttpResponse<String> during = node.post("/api/v1/signals", NodeHarness.PUBLISHER, body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Then the write is refused within the 3 s produce timeout (plus the API's grace)
        assertEquals(503, during.statusCode(), during.body());
        assertTrue(during.body().contains("nothing was accepted"), during.body());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered after " + took);

        // And when it is back, publishing resumes
        kafka.restartBroker(0);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> after = node.post("/api/v1/signals", NodeHarness.PUBLISHER, body);
            if (after.statusCode() == 202) {
                accepted.add(JSON.readTree(after.body()).get("id").asText());
                return true;
            }
            return false;
        });

        // And the outbox holds exactly the signals answered 202: the refused one never landed
        List<String> onTopic = node.readAll(node.topics.outbox("FR")).stream().map(OutboxEvent::getPayload)
                .map(p -> ((ThreatSignal) p).getId()).toList();
        assertEquals(accepted, onTopic);
    }
}
