package io.aegis.node.api;

import io.aegis.node.support.NodeHarness;
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
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every API endpoint without a token, with a forged token, with the wrong role, and with the right one. */
@Tag("integration")
@Timeout(120)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthIT {

    NodeHarness node;

    @BeforeAll
    void start(KafkaCluster kafka) {
        node = new NodeHarness(kafka, Map.of());
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
                Arguments.of("GET", "/api/v1/inbox/some-id", op, null),
                Arguments.of("GET", "/api/v1/notifications", o, p),
                Arguments.of("GET", "/api/v1/cases", op, p),
                Arguments.of("GET", "/api/v1/cases/case-1", o, a),
                Arguments.of("POST", "/api/v1/cases/case-1/ack", o, op),
                Arguments.of("POST", "/api/v1/cases/case-1/votes", o, p),
                Arguments.of("POST", "/api/v1/cases/case-1/actions", o, a),
                Arguments.of("POST", "/api/v1/cases/case-1/resolve", o, op),
                Arguments.of("POST", "/api/v1/cases/case-1/comments", o, p),
                Arguments.of("GET", "/api/v1/policy", a, p),
                Arguments.of("PUT", "/api/v1/policy", a, o));
    }

    HttpResponse<String> call(String method, String path, String token) {
        return node.send(method, path, token, "application/json", method.equals("GET") ? null : "{}", Map.of());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void shouldRequireAnIdentityAndTheRole(String method, String path, String allowed, String wrongRole) {
        HttpResponse<String> anonymous = call(method, path, null);
        HttpResponse<String> forged = call(method, path, "forged-" + allowed);
        HttpResponse<String> granted = call(method, path, allowed);

        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.body().contains("\"error\""), anonymous.body());
        assertEquals(401, forged.statusCode());
        if (wrongRole != null) {
            HttpResponse<String> denied = call(method, path, wrongRole);
            assertEquals(403, denied.statusCode(), denied.body());
            assertTrue(denied.body().contains("\"error\""));
        }
        assertNotEquals(401, granted.statusCode());
        assertNotEquals(403, granted.statusCode());
    }

    @Test
    void shouldServeOperationsEndpointsWithoutAToken() {
        assertEquals(200, node.get("/health", null).statusCode(), node.get("/health", null).body());
        // why: launchers and load balancers use readiness to decide when the node can serve its stores
        HttpResponse<String> readiness = node.get("/health/readiness", null);
        assertEquals(200, readiness.statusCode(), readiness.body());
        assertTrue(readiness.body().contains("localStores") && readiness.body().contains("\"notReady\":[]"),
                readiness.body());
        assertTrue(node.get("/prometheus", null).body().contains("aegis_node"), "node metrics are exported");
        HttpResponse<String> openapi = node.get("/openapi", null);
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/v1/signals/batch"));
    }
}
