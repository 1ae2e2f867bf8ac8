package io.aegis.devstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void shouldUseTheDocumentedPortsWhenNothingIsOverridden() {
        // given no AEGIS_* variables
        // when
        StackSettings settings = StackSettings.fromEnvironment(ROOT, Map.of());

        // then: development.md's port table
        assertEquals(9092, settings.brokerPort());
        assertEquals(9093, settings.controllerPort());
        assertEquals(8081, settings.registryPort());
        assertEquals(List.of(8091, 8092, 8093), List.of(settings.routerPort(), settings.escalationPort(),
                settings.responsePort()));
        assertEquals(List.of("FR", "DE", "JP", "BR", "KE"), settings.countries());
        assertEquals(8101, settings.nodePort("FR"));
        assertEquals(8105, settings.nodePort("KE"));
        assertEquals(Path.of("/repo/var"), settings.varDir());
        assertEquals("localhost:9092", settings.bootstrapServers());
        assertEquals("http://localhost:8081", settings.registryUrl());
    }

    @Test
    void shouldApplyEnvironmentOverrides() {
        // given
        Map<String, String> env = Map.of("AEGIS_BROKER_PORT", "19092", "AEGIS_NODE_PORT", "9201",
                "AEGIS_NODES", "JP, KE", "AEGIS_VAR_DIR", "/data/aegis", "AEGIS_HEAP", "512m");

        // when
        StackSettings settings = StackSettings.fromEnvironment(ROOT, env);

        // then
        assertEquals(19092, settings.brokerPort());
        assertEquals(List.of("JP", "KE"), settings.countries());
        assertEquals(9202, settings.nodePort("KE"));
        assertEquals(Path.of("/data/aegis"), settings.varDir());
        assertEquals("512m", settings.heap());
    }

    @Test
    void shouldNameBothComponentsWhenTwoPortsClash() {
        // given the registry moved onto the broker's port
        Map<String, String> env = Map.of("AEGIS_REGISTRY_PORT", "9092");

        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ROOT, env));

        // then
        assertEquals("AEGIS_REGISTRY_PORT uses port 9092, already taken by AEGIS_BROKER_PORT", e.getMessage());
    }

    @Test
    void shouldPlaceThreeBrokersTwoPortsApartAndListThemAllForClients() {
        StackSettings settings = StackSettings.fromEnvironment(ROOT, Map.of("AEGIS_BROKERS", "3"));

        assertEquals(3, settings.brokers());
        assertEquals(9096, settings.brokerPort(3));
        assertEquals(9097, settings.controllerPort(3));
        assertEquals("localhost:9092,localhost:9094,localhost:9096", settings.bootstrapServers());
        // a port a further broker needs is checked like any other
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ROOT, Map.of("AEGIS_BROKERS", "3", "AEGIS_REGISTRY_PORT", "9094")));
        assertEquals("AEGIS_BROKER_PORT (broker 2) uses port 9094, already taken by AEGIS_REGISTRY_PORT", clash.getMessage());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ROOT, Map.of("AEGIS_BROKERS", "2")));
        assertEquals("the broker count (--brokers, AEGIS_BROKERS) must be one of [1, 3], got 2", two.getMessage());
    }

    @Test
    void shouldRejectANodeRangeRunningIntoAServicePort() {
        // given nodes from 8090: the second node would take the router's 8091
        Map<String, String> env = Map.of("AEGIS_NODE_PORT", "8090");

        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ROOT, env));

        // then
        assertEquals("AEGIS_NODE_PORT (node DE) uses port 8091, already taken by AEGIS_ROUTER_PORT", e.getMessage());
    }

    @Test
    void shouldRejectAPortThatIsNotANumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ROOT, Map.of("AEGIS_BROKER_PORT", "nine")));
        assertEquals("AEGIS_BROKER_PORT must be a port number, got 'nine'", e.getMessage());
    }

    @Test
    void shouldRejectAPortOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ROOT, Map.of("AEGIS_REGISTRY_PORT", "70000")));
        assertEquals("AEGIS_REGISTRY_PORT must be between 1 and 65535, got 70000", e.getMessage());
    }

    @Test
    void shouldRejectACountryThatIsNotAnIsoCode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ROOT, Map.of("AEGIS_NODES", "FR,france")));
        assertTrue(e.getMessage().startsWith("AEGIS_NODES entry 'france' must be an ISO 3166-1 alpha-2 code"),
                e.getMessage());
    }

    @Test
    void shouldRejectARepeatedCountry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ROOT, Map.of("AEGIS_NODES", "FR,DE,FR")));
        assertEquals("AEGIS_NODES must not repeat a country, got [FR, DE, FR]", e.getMessage());
    }

    @Test
    void shouldRejectAMalformedHeap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ROOT, Map.of("AEGIS_HEAP", "lots")));
        assertEquals("AEGIS_HEAP must be a heap size such as 320m or 1g, got 'lots'", e.getMessage());
    }

    @Test
    void shouldRefuseThePortOfACountryWithoutANode() {
        StackSettings settings = StackSettings.fromEnvironment(ROOT, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.nodePort("US"));
        assertEquals("no demo node for country US; nodes: [FR, DE, JP, BR, KE]", e.getMessage());
    }
}
