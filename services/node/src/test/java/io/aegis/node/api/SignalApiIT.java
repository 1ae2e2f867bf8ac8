package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.kafka.crypto.CanonicalHash;
import io.aegis.kafka.crypto.SignatureVerifier;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.DeliveryReport;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing through the HTTP API against a real broker: validation table, 202-after-ack, idempotency, batches, retraction. */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalApiIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String OUTBOX = TopicNames.outbox(NodeHarness.COUNTRY);
    NodeHarness node;

    @BeforeAll
    void start(KafkaCluster kafka) {
        node = new NodeHarness(kafka, Map.of("micronaut.server.max-request-size", "1MB"));
    }

    @AfterAll
    void stop() {
        node.close();
    }

    static ObjectNode example() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"category": "DEEPFAKE_FRAUD", "title": "Voice-clone fraud campaign against bank call centres",
                     "description": "free text", "severity": 4, "confidence": 80, "tlp": "AMBER",
                     "observedAt": "2026-11-20T10:00:00Z", "sectors": ["FINANCE"], "atlasTechniques": ["AML.T0048"],
                     "affectedSystems": [{"provider": "ExampleAI", "model": "voice-x", "version": "2.1"}],
                     "indicators": [{"type": "DOMAIN", "value": "fraud.example"},
                                    {"type": "SHA256", "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}],
                     "recipients": ["DE", "JP"], "campaignId": "campaign-1"}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Arguments bad(String kind, Consumer<ObjectNode> change, String field) {
        ObjectNode json = example();
        change.accept(json);
        return Arguments.of(kind, json.toString(), field);
    }

    static ObjectNode indicator(ObjectNode json, int i) {
        return (ObjectNode) json.get("indicators").get(i);
    }

    static Stream<Arguments> badSignals() {
        String long201 = "x".repeat(201);
        return Stream.of(
                bad("missing category", j -> j.remove("category"), "category"),
                bad("unknown category", j -> j.put("category", "ALIENS"), "category"),
                bad("category not a string", j -> j.put("category", 3), "category"),
                bad("missing title", j -> j.remove("title"), "title"),
                bad("blank title", j -> j.put("title", "   "), "title"),
                bad("title too long", j -> j.put("title", long201), "title"),
                bad("description too long", j -> j.put("description", "d".repeat(10_001)), "description"),
                bad("severity below range", j -> j.put("severity", 0), "severity"),
                bad("severity above range", j -> j.put("severity", 6), "severity"),
                bad("severity fractional", j -> j.put("severity", 2.5), "severity"),
                bad("severity as string", j -> j.put("severity", "4"), "severity"),
                bad("confidence negative", j -> j.put("confidence", -1), "confidence"),
                bad("confidence above 100", j -> j.put("confidence", 101), "confidence"),
                bad("tlp lower case", j -> j.put("tlp", "amber"), "tlp"),
                bad("tlp missing", j -> j.remove("tlp"), "tlp"),
                bad("observedAt not ISO-8601", j -> j.put("observedAt", "20/11/2026"), "observedAt"),
                bad("observedAt in the future", j -> j.put("observedAt", Instant.now().plus(Duration.ofDays(1)).toString()), "observedAt"),
                bad("unknown sector", j -> j.putArray("sectors").add("SPACE"), "sectors[0]"),
                bad("sectors not an array", j -> j.put("sectors", "FINANCE"), "sectors"),
                bad("ATLAS id without prefix", j -> j.putArray("atlasTechniques").add("T0048"), "atlasTechniques[0]"),
                bad("ATLAS id too short", j -> j.putArray("atlasTechniques").add("AML.T48"), "atlasTechniques[0]"),
                bad("affected system without model", j -> ((ObjectNode) j.get("affectedSystems").get(0)).remove("model"), "affectedSystems[0].model"),
                bad("affected system unknown field", j -> ((ObjectNode) j.get("affectedSystems").get(0)).put("vendor", "x"), "affectedSystems[0].vendor"),
                bad("unknown indicator type", j -> indicator(j, 0).put("type", "PHONE"), "indicators[0].type"),
                bad("SHA256 indicator not hex", j -> indicator(j, 1).put("value", "9f86…"), "indicators[1].value"),
                bad("IPv4 indicator out of range", j -> indicator(j, 0).put("type", "IPV4").put("value", "999.1.1.1"), "indicators[0].value"),
                bad("e-mail indicator without @", j -> indicator(j, 0).put("type", "EMAIL").put("value", "fraud.example"), "indicators[0].value"),
                bad("URL indicator not http(s)", j -> indicator(j, 0).put("type", "URL").put("value", "javascript:alert(1)"), "indicators[0].value"),
                bad("domain indicator with spaces", j -> indicator(j, 0).put("value", "fraud example"), "indicators[0].value"),
                bad("indicator unknown field", j -> indicator(j, 0).put("score", 5), "indicators[0].score"),
                bad("RED without recipients", j -> { j.put("tlp", "RED"); j.remove("recipients"); }, "recipients"),
                bad("AMBER+STRICT with empty recipients", j -> { j.put("tlp", "AMBER+STRICT"); j.putArray("recipients"); }, "recipients"),
                bad("recipient not a country", j -> j.putArray("recipients").add("XX"), "recipients[0]"),
                bad("recipient lower case", j -> j.putArray("recipients").add("de"), "recipients[0]"),
                bad("duplicate recipient", j -> j.putArray("recipients").add("DE").add("DE"), "recipients[1]"),
                bad("unknown top-level field", j -> j.put("priority", "high"), "priority"),
                bad("campaignId too long", j -> j.put("campaignId", long201), "campaignId"),
                bad("too many indicators", j -> {
                    ArrayNode many = j.putArray("indicators");
                    for (int i = 0; i < 501; i++) {
                        many.addObject().put("type", "OTHER").put("value", "v" + i);
                    }
                }, "indicators"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignals")
    void shouldRefuseABadSignalNamingTheFieldAndProduceNothing(String kind, String body, String field) throws Exception {
        long before = node.size(OUTBOX);

        HttpResponse<String> response = node.post("/api/v1/signals", NodeHarness.PUBLISHER, body);

        assertEquals(422, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertTrue(error.get("error").isTextual());
        List<String> fields = error.get("violations").findValuesAsText("field");
        assertTrue(fields.contains(field), kind + ": " + response.body());
        assertEquals(before, node.size(OUTBOX), "nothing may be produced for " + kind);
    }

    static Stream<Arguments> unreadableRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", "{\"category\": ", 400),
                Arguments.of("empty body", "application/json", "", 400),
                Arguments.of("duplicate key", "application/json", "{\"title\":\"a\",\"title\":\"b\"}", 400),
                Arguments.of("trailing garbage", "application/json", example() + " {}", 400),
                Arguments.of("body not an object", "application/json", "[1,2]", 422),
                Arguments.of("wrong content type", "text/plain", example().toString(), 415),
                Arguments.of("form content type", "application/x-www-form-urlencoded", "a=b", 415),
                // a body must say what it is: none, or one the router cannot read, was taken for JSON
                Arguments.of("no content type", null, example().toString(), 415),
                Arguments.of("unreadable content type", "garbage", example().toString(), 415),
                Arguments.of("body too large", "application/json", "{\"description\":\"" + "x".repeat(1_200_000) + "\"}", 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableRequests")
    void shouldAnswerUnreadableRequestsInTheErrorShapeAndProduceNothing(String kind, String type, String body, int status)
            throws Exception {
        long before = node.size(OUTBOX);

        HttpResponse<String> response = node.send("POST", "/api/v1/signals", NodeHarness.PUBLISHER, type, body, Map.of());

        assertEquals(status, response.statusCode(), kind + ": " + response.body());
        assertTrue(JSON.readTree(response.body()).get("error").isTextual(), response.body());
        assertEquals(before, node.size(OUTBOX));
    }

    @Test
    void shouldAnswer202WithOffsetOnlyAfterTheSignedSignalIsOnTheOutbox() throws Exception {
        HttpResponse<String> response = node.post("/api/v1/signals", NodeHarness.PUBLISHER, example().put("tlp", "AMBER+STRICT").toString());

        assertEquals(202, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body());
        assertEquals(OUTBOX, answer.get("topic").asText());
        ThreatSignal stored = (ThreatSignal) node.readAll(node.topics.outbox("FR")).stream().map(OutboxEvent::getPayload)
                .filter(p -> p instanceof ThreatSignal t && t.getId().equals(answer.get("id").asText())).findFirst().orElseThrow();
        assertEquals(answer.get("contentHash").asText(), CanonicalHash.contentHash(stored.getContent()));
        assertEquals(Tlp.AMBER_STRICT, stored.getContent().getTlp());
        assertEquals("FR", stored.getOriginCountry());
        assertEquals("fr-1", stored.getKeyId());
        assertTrue(SignatureVerifier.verify(stored, node.keys.getPublic()).valid());
    }

    @Test
    void shouldReturnTheFirstAnswerForARetryWithTheSameIdempotencyKeyAndProduceOnce() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", "retry-1");
        String body = example().toString();

        HttpResponse<String> first = node.send("POST", "/api/v1/signals", NodeHarness.PUBLISHER, "application/json", body, key);
        long after = node.size(OUTBOX);
        HttpResponse<String> second = node.send("POST", "/api/v1/signals", NodeHarness.PUBLISHER, "application/json", body, key);
        HttpResponse<String> reused = node.send("POST", "/api/v1/signals", NodeHarness.PUBLISHER, "application/json",
                example().put("severity", 1).toString(), key);

        assertEquals(202, first.statusCode());
        assertEquals(first.body(), second.body());
        assertEquals(after, node.size(OUTBOX));
        assertEquals(422, reused.statusCode());
        assertTrue(reused.body().contains("Idempotency-Key"));
    }

    @Test
    void shouldAnswerEachBatchItemOnItsOwnAndProduceOnlyTheValidOnes() throws Exception {
        ObjectNode batch = JSON.createObjectNode();
        batch.putArray("signals").add(example()).add(example().put("severity", 9)).add(example().put("title", "third"));
        long before = node.size(OUTBOX);

        HttpResponse<String> response = node.post("/api/v1/signals/batch", NodeHarness.PUBLISHER, batch.toString());

        assertEquals(207, response.statusCode(), response.body());
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertEquals(List.of(202, 422, 202), List.of(results.get(0).get("status").asInt(), results.get(1).get("status").asInt(),
                results.get(2).get("status").asInt()));
        assertEquals("signals[1].severity", results.get(1).get("violations").get(0).get("field").asText());
        assertEquals(before + 2, node.size(OUTBOX));
    }

    @Test
    void shouldRefuseAnOversizedBatchAsAWhole() {
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode signals = batch.putArray("signals");
        for (int i = 0; i < 1001; i++) {
            signals.add(JSON.createObjectNode());
        }

        HttpResponse<String> response = node.post("/api/v1/signals/batch", NodeHarness.PUBLISHER, batch.toString());

        assertEquals(422, response.statusCode());
        assertTrue(response.body().contains("\"field\":\"signals\""), response.body());
    }

    @Test
    void shouldShowDeliveryStateAndThenRetractAnOwnSignal() throws Exception {
        // Given a published signal the router routed to DE and withheld from JP, and DE's receipt
        String id = JSON.readTree(node.post("/api/v1/signals", NodeHarness.PUBLISHER, example().toString()).body()).get("id").asText();
        // (the router reports to the origin's inbox: the node reads no other country's topics)
        node.produce(node.topics.inbox("FR"), id, new InboxEvent(new DeliveryReport(id, "FR",
                List.of(decision(id, "DE", DecisionOutcome.DELIVER), decision(id, "JP", DecisionOutcome.WITHHOLD)))));
        node.produce(node.topics.inbox("FR"), id, new InboxEvent(Receipt.newBuilder().setSignalId(id).setCountry("DE")
                .setKind(ReceiptKind.DELIVERED).setAt(Instant.now()).build()));

        // When the publisher looks it up
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = JSON.readTree(node.get("/api/v1/signals/" + id, NodeHarness.PUBLISHER).body());
            assertEquals("DE", view.at("/delivery/routedTo/0/destination").asText(), view.toString());
            assertEquals("JP", view.at("/delivery/withheldFrom/0/destination").asText());
            assertEquals("DE", view.at("/delivery/receipts/0/country").asText());
            assertEquals("AMBER", view.at("/signal/tlp").asText());
        });

        // Then it can be downgraded, retracted once, and not downgraded after that
        assertEquals(202, node.post("/api/v1/signals/" + id + "/downgrade", NodeHarness.PUBLISHER,
                "{\"reason\":\"narrow\",\"tlp\":\"RED\",\"recipients\":[\"DE\"]}").statusCode());
        assertEquals(202, node.post("/api/v1/signals/" + id + "/retract", NodeHarness.PUBLISHER, "{\"reason\":\"false positive\"}").statusCode());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals("RETRACTED", JSON.readTree(node.get("/api/v1/signals/" + id, NodeHarness.PUBLISHER).body()).get("state").asText()));
        assertEquals(409, node.post("/api/v1/signals/" + id + "/downgrade", NodeHarness.PUBLISHER, "{\"reason\":\"x\",\"tlp\":\"RED\"}").statusCode());
        List<Retraction> retractions = node.readAll(node.topics.outbox("FR")).stream().map(OutboxEvent::getPayload)
                .filter(p -> p instanceof Retraction r && r.getSignalId().equals(id)).map(Retraction.class::cast).toList();
        assertEquals(List.of(RetractionKind.DOWNGRADE, RetractionKind.RETRACT), retractions.stream().map(Retraction::getKind).toList());
        assertTrue(retractions.stream().allMatch(r -> SignatureVerifier.verify(r, node.keys.getPublic()).valid()));
    }

    @Test
    void shouldNotFindOrRetractASignalThisNodeDidNotPublish() {
        assertEquals(404, node.get("/api/v1/signals/00000000-0000-0000-0000-000000000000", NodeHarness.PUBLISHER).statusCode());
        assertEquals(404, node.post("/api/v1/signals/00000000-0000-0000-0000-000000000000/retract", NodeHarness.PUBLISHER,
                "{\"reason\":\"x\"}").statusCode());
    }

    static RoutingDecision decision(String id, String destination, DecisionOutcome outcome) {
        return RoutingDecision.newBuilder().setDecisionId(id + destination).setSignalId(id).setOriginCountry("FR")
                .setDestination(destination).setOutcome(outcome).setPolicyVersion(2).setReason("rule amber-to-trusted")
                .setDecidedAt(Instant.now()).setContentHash("sha256:x").setTlp(Tlp.AMBER).build();
    }
}
