package io.aegis.node.api;

import io.aegis.node.support.NodeHarness;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.testsupport.fixtures.Signals;
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

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every API endpoint (every route of every @Controller under /api/v1, SSE streams included)
 * without a token, with a forged token, with the wrong role, and with the right one.
 */
@Tag("integration")
@Timeout(120)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthIT {

    /** The status of an answer and its body; the body of an event stream is not read (it never ends). */
    record Reply(int statusCode, String body) {
    }

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    NodeHarness node;

    @BeforeAll
    void start(KafkaCluster kafka) {
        node = new NodeHarness(kafka, Map.of());
        // An item in each stream, because a node sends a stream's headers with its first event
        String id = UUID.randomUUID().toString();
        node.produce(node.topics.inbox("FR"), id, new InboxEvent(SharedSignal.newBuilder().setSignalId(id)
                .setDestination("FR").setOriginCountry("DE").setAttribution(Attribution.COUNTRY)
                .setSubmittedAt(Instant.now()).setSharedAt(Instant.now()).setContent(Signals.content().build())
                .setContentHash("sha256:abc").setPolicyVersion(1).setDecisionId("d-" + id).build()));
        node.produce(node.topics.notify("FR"), "olivier", Notification.newBuilder().setNotificationId("n-" + id)
                .setOfficerId("olivier").setCountry("FR").setCaseId("case-1").setKind(NotificationKind.ACK_REQUESTED)
                .setTier(Tier.SEVERE).setTitle("t").setMessage("m").setAsk("acknowledge").setCreatedAt(Instant.now()).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/inbox/" + id, NodeHarness.OFFICER).statusCode() == 200
                && node.get("/api/v1/notifications", NodeHarness.OFFICER).body().contains("n-" + id));
    }

    @AfterAll
    void stop() {
        node.close();
    }

    /** method, path, a token with the needed role, a token without it (null when any identity will do). */
    static Stream<Arguments> endpoints() {
        String p = NodeHarness.PUBLISHER;
        String o = NodeHarness.OFFICER;
        String a = NodeHarness.ADMIN;
        String op = NodeHarness.OPERATOR;
        return Stream.of(
                Arguments.of("POST", "/api/v1/signals", p, o),
                Arguments.of("POST", "/api/v1/signals/batch", p, a),
                Arguments.of("GET", "/api/v1/signals/some-id", p, o),
                Arguments.of("POST", "/api/v1/signals/some-id/retract", p, op),
                Arguments.of("POST", "/api/v1/signals/some-id/downgrade", p, a),
                Arguments.of("GET", "/api/v1/inbox", o, null),
                Arguments.of("GET", "/api/v1/inbox/stream", p, null),
                Arguments.of("GET", "/api/v1/inbox/some-id", op, null),
                Arguments.of("GET", "/api/v1/notifications", o, p),
                Arguments.of("GET", "/api/v1/notifications/stream", o, a),
                Arguments.of("GET", "/api/v1/cases", op, p),
                Arguments.of("GET", "/api/v1/cases/case-1", o, a),
                Arguments.of("POST", "/api/v1/cases/case-1/ack", o, op),
                Arguments.of("POST", "/api/v1/cases/case-1/votes", o, p),
                Arguments.of("POST", "/api/v1/cases/case-1/actions", o, a),
                Arguments.of("POST", "/api/v1/cases/case-1/resolve", o, op),
                Arguments.of("POST", "/api/v1/cases/case-1/comments", o, p),
                Arguments.of("GET", "/api/v1/policy", a, p),
                Arguments.of("PUT", "/api/v1/policy", a, o),
                Arguments.of("GET", "/api/v1/users", a, o),
                Arguments.of("POST", "/api/v1/users", a, p),
                // an unknown user: the ADMIN's call is answered 404 and changes nobody
                Arguments.of("POST", "/api/v1/users/nobody/disable", a, op),
                Arguments.of("POST", "/api/v1/users/nobody/enable", a, o),
                Arguments.of("POST", "/api/v1/users/nobody/password", a, p));
    }

    Reply call(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            return new Reply(response.statusCode(), stream ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void shouldRequireAnIdentityAndTheRole(String method, String path, String allowed, String wrongRole) throws Exception {
        Reply anonymous = call(method, path, null);
        Reply forged = call(method, path, "forged-" + allowed);
        Reply granted = call(method, path, allowed);

        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.body().contains("\"error\""), anonymous.body());
        assertEquals(401, forged.statusCode());
        if (wrongRole != null) {
            Reply denied = call(method, path, wrongRole);
            assertEquals(403, denied.statusCode(), denied.body());
            assertTrue(denied.body().contains("\"error\""));
        }
        assertNotEquals(401, granted.statusCode());
        assertNotEquals(403, granted.statusCode());
        if (path.endsWith("/stream")) {
            assertEquals(200, granted.statusCode(), "the stream opens for its role");
        }
    }

    @Test
    void shouldServeProbesWithoutATokenAndMetricsOnlyWithOne() {
        assertEquals(200, node.get("/health", null).statusCode(), node.get("/health", null).body());
        // why: launchers and load balancers use readiness (its status) to decide when the node can serve its stores
        HttpResponse<String> readiness = node.get("/health/readiness", null);
        assertEquals(200, readiness.statusCode(), readiness.body());
        // the node's own counts are for its operators only
        assertEquals(401, node.get("/prometheus", null).statusCode());
        assertEquals(403, node.get("/prometheus", NodeHarness.PUBLISHER).statusCode());
        HttpResponse<String> metrics = node.get("/prometheus", NodeHarness.OPERATOR);
        assertTrue(metrics.body().contains("aegis_node"), "node metrics are exported: " + metrics.statusCode() + " " + metrics.body());
        HttpResponse<String> openapi = node.get("/openapi", null);
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/v1/signals/batch"));
        assertEquals(200, node.get("/console/index.html", null).statusCode(), "the console's static files are open");
        // why: static resources answered any method with the file, a POST with a body included
        HttpResponse<String> post = node.send("POST", "/console/index.html", null, "application/json", "{}", Map.of());
        assertEquals(405, post.statusCode(), post.body());
        assertTrue(post.body().contains("\"error\""), post.body());
    }

    @Test
    void shouldShowHealthDetailsToKnownUsersOnly() {
        // why: the indicators name stores, brokers, the registry URL and webhook errors; an anonymous caller learns UP or DOWN
        for (String path : new String[] {"/health", "/health/readiness"}) {
            HttpResponse<String> anonymous = node.get(path, null);
            HttpResponse<String> forged = node.get(path, "forged-token");
            assertEquals(200, anonymous.statusCode(), anonymous.body());
            assertEquals("{\"status\":\"UP\"}", anonymous.body(), path);
            assertEquals("{\"status\":\"UP\"}", forged.body(), path);
        }
        HttpResponse<String> operator = node.get("/health/readiness", NodeHarness.OPERATOR);
        assertTrue(operator.body().contains("localStores") && operator.body().contains("\"notReady\":[]"), operator.body());
    }
}
