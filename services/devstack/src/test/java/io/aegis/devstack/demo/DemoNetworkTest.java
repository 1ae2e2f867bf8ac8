package io.aegis.devstack.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aegis.devstack.domain.DemoRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoNetworkTest {

    private static Map<String, Object> node(String url, Map<String, Object> tokens) {
        return Map.of("url", url, "tokens", tokens);
    }

    @Test
    void shouldBuildOneClientPerNodeAndRole() {
        Map<String, Object> tokens = Map.of("publisher", "p", "officer", "o", "operator", "x", "admin", "a");
        DemoNetwork network = DemoNetwork.from(Map.of("nodes", new java.util.LinkedHashMap<>(Map.of(
                "FR", node("http://localhost:8101", tokens)))));
        assertEquals(List.of("FR"), network.countries());
        assertEquals("FR", network.client("FR", DemoRole.OFFICER).country());
    }

    @Test
    void shouldNameTheMissingTokenOfADescriptor() {
        Map<String, Object> tokens = Map.of("publisher", "p", "officer", "o", "admin", "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoNetwork.from(Map.of("nodes", Map.of("DE", node("http://localhost:8102", tokens)))));
        assertEquals("devstack.json: nodes.DE.tokens.operator is missing", e.getMessage());
    }

    @Test
    void shouldRefuseADescriptorWithoutNodes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoNetwork.from(Map.of("broker", "localhost:9092")));
        assertEquals("devstack.json: 'nodes' must list the running nodes", e.getMessage());
    }
}
