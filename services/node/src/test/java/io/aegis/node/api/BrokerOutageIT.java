package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 202 only after the broker acknowledged: with the broker down the API says 503 in time and
 * nothing lands later, for single signals and for batches (a batch none of whose valid items could
 * be written is a plain 503, never remembered under its Idempotency-Key).
 */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerOutageIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Ids of every signal any answer said was accepted (202, or a 202 item), over all tests. */
    final List<String> accepted = new CopyOnWriteArrayList<>();
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
        assertOutboxHoldsExactlyTheAcceptedSignals();
    }

    @Test
    void shouldAnswerABatch503WhenNoValidItemCouldBeWrittenAndPublishItOnARetryWithTheSameKey() throws Exception {
        // Given a batch of two valid signals and one invalid one, sent with an Idempotency-Key
        ObjectNode batch = JSON.createObjectNode();
        batch.putArray("signals").add(SignalApiIT.example()).add(SignalApiIT.example())
                .add(SignalApiIT.example().put("severity", 9));
        Map<String, String> key = Map.of("Idempotency-Key", "batch-during-outage");

        // When the only broker is down
        kafka.stopBroker(0);
        HttpResponse<String> during;
        Duration took;
        try {
            long start = System.nanoTime();
            during = node.send("POST", "/api/v1/signals/batch", NodeHarness.PUBLISHER, "application/json", batch.toString(), key);
            took = Duration.ofNanos(System.nanoTime() - start);
        } finally {
            kafka.restartBroker(0);
        }

        // Then the whole batch is the contract's 503 in the error shape, in time, nothing claimed
        assertEquals(503, during.statusCode(), during.body());
        JsonNode error = JSON.readTree(during.body());
        assertTrue(error.get("error").asText().contains("nothing was accepted"), during.body());
        assertTrue(error.get("results") == null && error.get("accepted") == null, "no per-item answer: " + during.body());
        assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "answered after " + took);

        // And a retry with the same key publishes (the 503 was not remembered), as do retries of any
        // 207 that still met the outage (not remembered either)
        List<JsonNode> answers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> retry = node.send("POST", "/api/v1/signals/batch", NodeHarness.PUBLISHER,
                    "application/json", batch.toString(), key);
            if (retry.statusCode() != 207 && retry.statusCode() != 503) {
                throw new AssertionError("unexpected answer " + retry.statusCode() + ": " + retry.body());
            }
            if (retry.statusCode() == 503) {
                return false;
            }
            JsonNode answer = JSON.readTree(retry.body());
            answers.add(answer);
            answer.get("results").forEach(r -> {
                if (r.get("status").asInt() == 202) {
                    accepted.add(r.get("id").asText());
                }
            });
            return answer.get("accepted").asInt() == 2;
        });
        JsonNode last = answers.get(answers.size() - 1);
        assertEquals(422, last.get("results").get(2).get("status").asInt());

        // And once it went through, the same key replays that answer and produces nothing more
        HttpResponse<String> replay = node.send("POST", "/api/v1/signals/batch", NodeHarness.PUBLISHER, "application/json",
                batch.toString(), key);
        assertEquals(207, replay.statusCode());
        assertEquals(last, JSON.readTree(replay.body()));
        assertOutboxHoldsExactlyTheAcceptedSignals();
    }

    void assertOutboxHoldsExactlyTheAcceptedSignals() {
        List<String> onTopic = node.readAll(node.topics.outbox("FR")).stream().map(OutboxEvent::getPayload)
                .map(p -> ((ThreatSignal) p).getId()).sorted().toList();
        assertEquals(accepted.stream().sorted().toList(), onTopic);
    }
}
