package io.aegis.devstack.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ConfigFilesTest {

    @Test
    void shouldNestDottedKeysSoMicronautReadsThem() {
        // given
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("kafka.bootstrap.servers", "localhost:9092");
        flat.put("kafka.streams.default.state.dir", "/var/state/router");
        flat.put("aegis.node.users.fr-admin.roles", List.of("ADMIN"));

        // when
        Object parsed = new Yaml().load(ConfigFiles.render(flat));

        // then
        assertEquals(Map.of(
                "kafka", Map.of("bootstrap", Map.of("servers", "localhost:9092"),
                        "streams", Map.of("default", Map.of("state", Map.of("dir", "/var/state/router")))),
                "aegis", Map.of("node", Map.of("users", Map.of("fr-admin", Map.of("roles", List.of("ADMIN")))))),
                parsed);
    }

    @Test
    void shouldRefuseAKeyThatIsBothAValueAndAPrefix() {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("aegis.registry", "x");
        flat.put("aegis.registry.url", "http://localhost:8081");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigFiles.nest(flat));
        assertEquals("configuration key aegis.registry.url clashes with the value at aegis.registry", e.getMessage());
    }
}
