package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aegis.kafka.dlq.DlqHeaders;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.node.domain.WebhookSignature;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.routing.PolicyStatus;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inbox, retractions and receipts, SSE resume, notifications with webhooks, case commands and the policy. */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceivingIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "webhook-secret";
    record Delivery(Map<String, String> headers, byte[] body) {
    }

    final List<Delivery> flaky = new CopyOnWriteArrayList<>();
    final AtomicInteger brokenCalls = new AtomicInteger();
    HttpServer receiver;
    NodeHarness node;

    @BeforeAll
    void start(KafkaCluster kafka) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Fails twice, then accepts: the node must retry with the same delivery id.
        receiver.createContext("/flaky", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            flaky.add(new Delivery(Map.of(
                    "delivery", exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER),
                    "timestamp", exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    "signature", exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER)), body));
            exchange.sendResponseHeaders(flaky.size() <= 2 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.createContext("/broken", exchange -> {
            exchange.getRequestBody().readAllBytes();
            brokenCalls.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        node = new NodeHarness(kafka, Map.of(
                "aegis.node.webhooks.flaky.url", base + "/flaky",
                "aegis.node.webhooks.flaky.secret", SECRET,
                "aegis.node.webhooks.flaky.max-attempts", 5,
                "aegis.node.webhooks.flaky.initial-backoff", "50ms",
                "aegis.node.webhooks.broken.url", base + "/broken",
                "aegis.node.webhooks.broken.secret", SECRET,
                "aegis.node.webhooks.broken.max-attempts", 3,
                "aegis.node.webhooks.broken.initial-backoff", "50ms"));
    }

    @AfterAll
    void stop() {
        node.close();
        receiver.stop(0);
    }

    @Test
    void shouldReplaceARetractedSignalWithATombstoneAndAnswerBothWithReceipts() throws Exception {
        String id = UUID.randomUUID().toString();
        node.produce(node.topics.inbox("FR"), id, new InboxEvent(NodeHarness.shared(id)));
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/inbox/" + id, NodeHarness.OFFICER).statusCode() == 200);
        JsonNode item = JSON.readTree(node.get("/api/v1/inbox/" + id, NodeHarness.OFFICER).body());
        assertEquals("DE", item.get("originCountry").asText());
        assertEquals("AMBER", item.at("/content/tlp").asText());

        node.produce(node.topics.inbox("FR"), id, new InboxEvent(Signals.retraction(id, "DE").build()));

        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/inbox/" + id, NodeHarness.OFFICER).statusCode() == 410);
        // receipts go on the node's own outbox, which proves to the router which country wrote them
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(ReceiptKind.DELIVERED, ReceiptKind.RETRACTED),
                node.readAll(node.topics.outbox("FR")).stream().map(OutboxEvent::getPayload)
                        .filter(p -> p instanceof Receipt r && r.getSignalId().equals(id) && r.getCountry().equals("FR"))
                        .map(p -> ((Receipt) p).getKind()).toList()));
        // the page lists the signal only as its tombstone: no content is left to copy
        JsonNode page = JSON.readTree(node.get("/api/v1/inbox?limit=1000", NodeHarness.OFFICER).body());
        List<JsonNode> entries = new ArrayList<>();
        page.get("items").forEach(i -> {
            if (i.get("id").asText().equals(id)) {
                entries.add(i);
            }
        });
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("RETRACTED", entries.get(0).get("status").asText());
        assertEquals("retracted", entries.get(0).get("event").asText());
        assertFalse(entries.get(0).has("content"));
        assertEquals(404, node.get("/api/v1/inbox/" + UUID.randomUUID(), NodeHarness.OFFICER).statusCode());
    }

    @Test
    void shouldPageTheInboxOldestFirstAndResumeTheStreamAfterLastEventId() throws Exception {
        List<String> ids = Stream.generate(() -> UUID.randomUUID().toString()).limit(3).toList();
        String start = JSON.readTree(node.get("/api/v1/inbox?limit=1000", NodeHarness.OFFICER).body()).get("next").asText(null);
        ids.forEach(id -> node.produce(node.topics.inbox("FR"), id, new InboxEvent(NodeHarness.shared(id))));
        String after = start == null ? "" : "&after=" + start;
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(node.get("/api/v1/inbox?limit=10" + after,
                NodeHarness.OFFICER).body()).get("items").size() == 3);
        JsonNode page = JSON.readTree(node.get("/api/v1/inbox?limit=2" + after, NodeHarness.OFFICER).body());
        assertEquals(ids.subList(0, 2), page.get("items").findValuesAsText("id"));
        String firstCursor = page.get("items").get(0).get("cursor").asText();

        // A client that saw the first item reconnects with its id as Last-Event-ID
        List<String> events = sse("/api/v1/inbox/stream", firstCursor, 2);

        assertEquals(ids.subList(1, 3), events);
    }

    @Test
    void shouldDeliverNotificationsToOfficersAndSignedWebhooksWithRetryAndDeadLetter() throws Exception {
        Notification notification = Notification.newBuilder().setNotificationId("n-" + UUID.randomUUID()).setOfficerId("olivier")
                .setCountry("FR").setCaseId("case-9").setKind(NotificationKind.ACK_REQUESTED).setTier(Tier.SEVERE)
                .setTitle("Acknowledge case-9").setMessage("SEVERE case opened").setAsk("acknowledge").setCreatedAt(Instant.now()).build();

        node.produce(node.topics.notify("FR"), "olivier", notification);

        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/notifications?mine=true", NodeHarness.OFFICER).body()
                .contains(notification.getNotificationId()));
        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.size() == 3);
        assertEquals(1, flaky.stream().map(d -> d.headers().get("delivery")).distinct().count(), "one delivery id for every attempt");
        Delivery last = flaky.get(2);
        assertTrue(WebhookSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8), last.headers().get("timestamp"), last.body(),
                last.headers().get("signature")));
        assertEquals(notification.getNotificationId(), JSON.readTree(last.body()).get("notificationId").asText());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> reasons = dlqReasons();
            assertTrue(reasons.stream().anyMatch(r -> r.contains("webhook broken") && r.contains(notification.getNotificationId())), reasons.toString());
        });
        assertEquals(3, brokenCalls.get());
    }

    @Test
    void shouldShowCasesOfThisCountryAndProduceOfficerCommands() throws Exception {
        EmergencyCase emergency = EmergencyCase.newBuilder().setCaseId("case-1").setCorrelationKey("campaign:x").setTier(Tier.SEVERE)
                .setState(CaseState.OPEN).setOpenedAt(Instant.now()).setUpdatedAt(Instant.now()).setInvolvedCountries(List.of("FR", "DE")).build();
        // the response service sends each involved country the case state on its inbox
        node.produce(node.topics.inbox("FR"), "case-1", new InboxEvent(emergency));
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/cases/case-1", NodeHarness.OPERATOR).statusCode() == 200);

        HttpResponse<String> ack = node.post("/api/v1/cases/case-1/ack", NodeHarness.OFFICER, "{\"comment\":\"on it\"}");
        HttpResponse<String> badVote = node.post("/api/v1/cases/case-1/votes", NodeHarness.OFFICER, "{\"actionId\":\"a1\",\"choice\":\"MAYBE\"}");

        assertEquals(202, ack.statusCode(), ack.body());
        assertEquals(422, badVote.statusCode());
        assertTrue(badVote.body().contains("\"field\":\"choice\""));
        List<CaseCommand> commands = node.readAll(node.topics.commands("FR"));
        assertEquals(1, commands.size());
        assertEquals(CommandType.ACKNOWLEDGE, commands.get(0).getType());
        assertEquals("olivier", commands.get(0).getOfficerId());
        assertEquals("FR", commands.get(0).getCountry());
    }

    @Test
    void shouldSubmitAPolicyOnTheOutboxAndShowTheRoutersAnswer() throws Exception {
        // when an admin submits a policy, and an invalid one
        String yaml = "country: FR\nrules:\n  - id: share-green\n    effect: ALLOW\n    to: [\"group:eu\"]\n    tlp: [CLEAR, GREEN]\n";
        HttpResponse<String> submitted = node.send("PUT", "/api/v1/policy", NodeHarness.ADMIN, "application/yaml", yaml, Map.of());
        HttpResponse<String> invalid = node.send("PUT", "/api/v1/policy", NodeHarness.ADMIN, "application/yaml",
                "country: FR\nrules:\n  - id: x\n    effect: DELAY\n    to: [BR]\n", Map.of());
        HttpResponse<String> unknownGroup = node.send("PUT", "/api/v1/policy", NodeHarness.ADMIN, "application/yaml",
                "country: FR\nrules:\n  - {id: x, effect: ALLOW, to: [\"group:asean\"]}\n", Map.of());

        // then the valid one is on FR's outbox for the router; the invalid ones nowhere: the node checks the
        // rules against the member list with the router's own validator, so its 202 is final
        assertEquals(422, unknownGroup.statusCode(), unknownGroup.body());
        assertTrue(unknownGroup.body().contains("rules[0].to[0]") && unknownGroup.body().contains("unknown group 'asean'"),
                unknownGroup.body());
        assertEquals(202, submitted.statusCode(), submitted.body());
        assertEquals("SUBMITTED", JSON.readTree(submitted.body()).get("status").asText());
        assertEquals(TopicNames.outbox("FR"), JSON.readTree(submitted.body()).get("topic").asText());
        assertEquals(422, invalid.statusCode());
        assertTrue(invalid.body().contains("rules[0].delay"), invalid.body());
        List<SharingPolicy> onOutbox = node.readAll(node.topics.outbox("FR")).stream().map(OutboxEvent::getPayload)
                .filter(SharingPolicy.class::isInstance).map(SharingPolicy.class::cast).toList();
        assertEquals(1, onOutbox.size());
        assertEquals("ada", onOutbox.get(0).getUpdatedBy());
        assertEquals(List.of("group:eu"), onOutbox.get(0).getRules().get(0).getTo());
        assertEquals(404, node.get("/api/v1/policy", NodeHarness.ADMIN).statusCode(), "nothing in force until the router answers");

        // when the router accepts it as version 4, then refuses a later submission
        SharingPolicy accepted = SharingPolicy.newBuilder(onOutbox.get(0)).setVersion(4).build();
        node.produce(node.topics.inbox("FR"), TopicNames.POLICY_KEY, new InboxEvent(PolicyStatus.newBuilder().setCountry("FR")
                .setAccepted(true).setVersion(4).setPolicy(accepted).setSubmittedBy("ada").setDecidedAt(Instant.now()).build()));
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/policy", NodeHarness.ADMIN).statusCode() == 200);
        node.produce(node.topics.inbox("FR"), TopicNames.POLICY_KEY, new InboxEvent(PolicyStatus.newBuilder().setCountry("FR")
                .setAccepted(false).setVersion(4).setPolicy(accepted).setViolations(List.of("rules[0].to: unknown group 'asean'"))
                .setSubmittedBy("ada").setDecidedAt(Instant.now().plusSeconds(1)).build()));

        // then version 4 stays in force and the refusal is shown
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = JSON.readTree(node.get("/api/v1/policy", NodeHarness.ADMIN).body());
            assertEquals(4, view.get("version").asInt(), view.toString());
            assertFalse(view.at("/submission/accepted").asBoolean(), view.toString());
            assertEquals("rules[0].to: unknown group 'asean'", view.at("/submission/violations/0").asText());
        });
        assertEquals(200, node.get("/api/v1/policy/submission", NodeHarness.ADMIN).statusCode());
    }

    List<String> dlqReasons() {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(node.kafka.consumerProps("dlq-" + System.nanoTime()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TopicNames.DLQ));
            long until = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < until) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    var header = record.headers().lastHeader(DlqHeaders.REASON);
                    reasons.add(header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }

    /** Reads {@code count} SSE event ids... returning the signal ids of those events. */
    List<String> sse(String path, String lastEventId, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.uri(path)).header("Authorization", "Bearer " + NodeHarness.OFFICER)
                .header("Accept", "text/event-stream").header("Last-Event-ID", lastEventId).GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        CompletableFuture<List<String>> ids = CompletableFuture.supplyAsync(() -> {
            List<String> found = new ArrayList<>();
            Iterator<String> lines = response.body().iterator();
            while (found.size() < count && lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    try {
                        found.add(JSON.readTree(line.substring(5)).get("id").asText());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return found;
        });
        try {
            return ids.get(20, TimeUnit.SECONDS);
        } finally {
            response.body().close();
        }
    }
}
