package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.node.domain.WebhookSignature;
import io.aegis.node.support.NodeHarness;
import io.aegis.node.support.RouterHarness;
import io.aegis.router.messaging.RouterStreams;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guarantee 7 (withdrawals are events) end to end: FR's node publishes to DE through the real router;
 * FR downgrades one signal and retracts another over its API. DE's node tells its systems: the SSE
 * stream and a resumed stream show the events in order, the retracted item answers 410 with the
 * reason, and a webhook subscribed to inbox events receives the retraction, signed as notification
 * webhooks are. FR shares anonymously, so no event may name it.
 */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxWithdrawalsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "inbox-webhook-secret";
    static final String POLICY = """
            country: FR
            rules:
              - {id: amber-to-de, effect: ALLOW, to: [DE], tlp: [AMBER, RED]}
            coordination: NONE
            attribution: ANONYMOUS
            """;

    record Sse(String event, String id, JsonNode data) {
    }

    record Delivery(Map<String, String> headers, byte[] body) {
    }

    final List<Delivery> webhook = new CopyOnWriteArrayList<>();
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    HttpServer receiver;
    NodeHarness fr;
    NodeHarness de;
    RouterStreams router;

    @BeforeAll
    void start(KafkaCluster kafka) throws Exception {
        for (String cc : List.of("FR", "DE")) {
            kafka.createTopic(TopicNames.outbox(cc), 1, 1);
            kafka.createTopic(TopicNames.inbox(cc), 1, 1);
        }
        RouterHarness.createTopics(kafka);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/siem", exchange -> {
            webhook.add(new Delivery(Map.of(
                    "delivery", exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER),
                    "timestamp", exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    "signature", exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER)),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        fr = new NodeHarness(kafka, "FR", registry, Map.of());
        de = new NodeHarness(kafka, "DE", registry, Map.of(
                "aegis.node.webhooks.siem.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/siem",
                "aegis.node.webhooks.siem.secret", SECRET,
                "aegis.node.webhooks.siem.events", List.of("SIGNAL", "RETRACTED", "DOWNGRADED"),
                "aegis.node.webhooks.siem.initial-backoff", "50ms"));
        router = RouterHarness.start("withdrawals", kafka, List.of(fr, de), Map.of("FR", POLICY));
        await("router running").atMost(Duration.ofSeconds(60)).until(() -> router.state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    void stop() {
        if (router != null) {
            router.close();
        }
        if (de != null) {
            de.close();
        }
        if (fr != null) {
            fr.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void shouldTellTheRecipientsStreamPageAndWebhookWhenTheOriginRetractsOrDowngrades() throws Exception {
        // Given a DE client following its inbox stream, and two AMBER signals FR shares with DE
        try (SseClient stream = new SseClient(de, null)) {
            String downgraded = publish("model weights exfiltrated");
            String retracted = publish("phishing kit for voice clones");
            await("both signals streamed to DE").atMost(Duration.ofSeconds(60)).until(() -> stream.events.size() >= 2);
            awaitOwn(downgraded);
            awaitOwn(retracted);

            // When FR downgrades the first to RED and retracts the second
            HttpResponse<String> downgrade = fr.post("/api/v1/signals/" + downgraded + "/downgrade", NodeHarness.PUBLISHER,
                    "{\"reason\": \"source compromised\", \"tlp\": \"RED\"}");
            HttpResponse<String> retract = fr.post("/api/v1/signals/" + retracted + "/retract", NodeHarness.PUBLISHER,
                    "{\"reason\": \"false positive\"}");
            assertEquals(202, downgrade.statusCode(), downgrade.body());
            assertEquals(202, retract.statusCode(), retract.body());

            // Then DE's stream shows both withdrawals after the signals, in order
            await("withdrawals streamed").atMost(Duration.ofSeconds(60)).until(() -> stream.events.size() >= 4);
            assertEquals(List.of("signal " + downgraded, "signal " + retracted, "downgraded " + downgraded, "retracted " + retracted),
                    stream.events.stream().map(e -> e.event() + " " + e.data().get("id").asText()).toList());
            Sse retraction = stream.events.get(3);
            assertEquals("RETRACTED", retraction.data().get("status").asText());
            assertTrue(retraction.data().get("reason").asText().contains("false positive"), retraction.data().toString());
            assertFalse(retraction.data().has("content"));
            assertEquals("RED", stream.events.get(2).data().get("tlp").asText());

            // and a client resuming after the first signal gets the withdrawals again, in order (the retracted copy is gone)
            try (SseClient resumed = new SseClient(de, stream.events.get(0).id())) {
                await("resumed stream").atMost(Duration.ofSeconds(30)).until(() -> resumed.events.size() >= 2);
                assertEquals(List.of("downgraded " + downgraded, "retracted " + retracted),
                        resumed.events.stream().map(e -> e.event() + " " + e.data().get("id").asText()).toList());
            }
            stream.events.forEach(e -> assertAnonymous(e.data()));
            assertEquals(stream.events.stream().map(Sse::id).sorted().toList(), stream.events.stream().map(Sse::id).toList(),
                    "event ids are cursors in stream order");

            // and the retracted item answers 410 with the reason, the downgraded one its new TLP and history
            HttpResponse<String> gone = de.get("/api/v1/inbox/" + retracted, NodeHarness.OFFICER);
            assertEquals(410, gone.statusCode(), gone.body());
            JsonNode tombstone = JSON.readTree(gone.body());
            assertEquals(retracted, tombstone.get("id").asText());
            assertEquals("RETRACTED", tombstone.get("status").asText());
            assertTrue(tombstone.get("reason").asText().contains("false positive"), gone.body());
            Instant.parse(tombstone.get("retractedAt").asText());
            assertAnonymous(tombstone);
            JsonNode current = JSON.readTree(de.get("/api/v1/inbox/" + downgraded, NodeHarness.OFFICER).body());
            assertEquals("DOWNGRADED", current.get("status").asText());
            assertEquals("RED", current.at("/content/tlp").asText());
            assertEquals("RED", current.at("/downgrades/0/tlp").asText());
            assertEquals("source compromised", current.at("/downgrades/0/reason").asText());

            // and the page lists the retracted signal only as its tombstone, after the downgraded copy
            JsonNode page = JSON.readTree(de.get("/api/v1/inbox?limit=1000", NodeHarness.OFFICER).body());
            assertEquals(List.of("signal " + downgraded, "downgraded " + downgraded, "retracted " + retracted),
                    stream(page.get("items")).map(i -> i.get("event").asText() + " " + i.get("id").asText()).toList());
        }

        // and the inbox webhook receives the retraction, signed like notification webhooks
        await("webhook retraction").atMost(Duration.ofSeconds(60)).until(() -> webhook.stream().anyMatch(d -> event(d).equals("retracted")));
        Delivery delivery = webhook.stream().filter(d -> event(d).equals("retracted")).findFirst().orElseThrow();
        assertTrue(WebhookSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8), delivery.headers().get("timestamp"),
                delivery.body(), delivery.headers().get("signature")));
        JsonNode body = JSON.readTree(delivery.body());
        assertTrue(body.get("reason").asText().contains("false positive"));
        assertEquals(body.get("id").asText() + ":retracted:siem", delivery.headers().get("delivery"));
        for (Delivery d : webhook) {
            assertAnonymous(JSON.readTree(d.body()));
        }
    }

    private String publish(String title) throws IOException {
        String body = """
                {"category": "MODEL_THEFT", "title": "%s", "severity": 3, "confidence": 70, "tlp": "AMBER",
                 "observedAt": "%s", "sectors": ["FINANCE"], "recipients": ["DE"]}""".formatted(title, Instant.now().minusSeconds(60));
        HttpResponse<String> response = fr.post("/api/v1/signals", NodeHarness.PUBLISHER, body);
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("id").asText();
    }

    private void awaitOwn(String id) {
        await("FR holds its signal " + id).atMost(Duration.ofSeconds(30))
                .until(() -> fr.get("/api/v1/signals/" + id, NodeHarness.PUBLISHER).statusCode() == 200);
    }

    /** FR shares anonymously: nothing DE is shown may name FR or its agency. */
    private static void assertAnonymous(JsonNode json) {
        assertTrue(json.path("originCountry").isMissingNode() || json.path("originCountry").isNull(), json.toString());
        assertTrue(json.path("originAgency").isMissingNode() || json.path("originAgency").isNull(), json.toString());
        assertFalse(json.toString().contains("anssi"), json.toString());
    }

    private static String event(Delivery delivery) {
        try {
            return JSON.readTree(delivery.body()).path("event").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        Iterator<JsonNode> it = array.elements();
        Stream.Builder<JsonNode> items = Stream.builder();
        it.forEachRemaining(items::add);
        return items.build();
    }

    /**
     * Follows a node's inbox stream from a cursor (null: from the start), collecting every event. The
     * request is asynchronous: the node sends the response headers with the first event.
     */
    static final class SseClient implements AutoCloseable {

        final List<Sse> events = new CopyOnWriteArrayList<>();
        // held: a client that is garbage-collected closes its connections
        private final HttpClient http = HttpClient.newHttpClient();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;
        private volatile boolean closed;

        SseClient(NodeHarness node, String lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(node.uri("/api/v1/inbox/stream"))
                    .header("Authorization", "Bearer " + NodeHarness.OFFICER).header("Accept", "text/event-stream").GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            // a thread of its own: the common pool may have one thread on a 2-core machine, and reading blocks
            response.thenAccept(answer -> {
                Thread reader = new Thread(() -> read(answer), "sse-client");
                reader.setDaemon(true);
                reader.start();
            });
        }

        private void read(HttpResponse<Stream<String>> answer) {
            assertEquals(200, answer.statusCode());
            String event = "message";
            String id = null;
            String data = null;
            Iterator<String> lines = answer.body().iterator();
            while (hasNext(lines)) {
                String line = lines.next();
                if (line.isEmpty() && data != null) {
                    events.add(new Sse(event, id, parse(data)));
                    event = "message";
                    id = null;
                    data = null;
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).trim();
                }
            }
        }

        private boolean hasNext(Iterator<String> lines) {
            try {
                return lines.hasNext();
            } catch (UncheckedIOException e) {
                if (closed) {
                    return false;
                }
                throw e;
            }
        }

        private static JsonNode parse(String data) {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            closed = true;
            response.cancel(true);
            if (response.isDone() && !response.isCompletedExceptionally()) {
                response.join().body().close();
            }
        }
    }
}
