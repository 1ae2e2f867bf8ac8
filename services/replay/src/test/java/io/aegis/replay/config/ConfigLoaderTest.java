package io.aegis.replay.config;

import io.aegis.replay.ReplayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadNestedYamlIntoKafkaClientPropertiesAndAegisKeys() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("ops.yml"), """
                kafka:
                  bootstrap:
                    servers: broker:9093
                  security:
                    protocol: SASL_SSL
                aegis:
                  registry:
                    url: https://registry.example
                  members-file: /etc/aegis/members.yaml
                  operator:
                    country: FR
                """);

        // when
        OperatorConfig config = new ConfigLoader(Map.of(), dir).load(file, Map.of());

        // then
        assertEquals(Map.of("bootstrap.servers", "broker:9093", "security.protocol", "SASL_SSL"), config.kafka());
        assertEquals("https://registry.example", config.registryUrl());
        assertEquals(Path.of("/etc/aegis/members.yaml"), config.membersFile());
        assertEquals("FR", config.operatorCountry());
    }

    @Test
    void shouldLetEnvironmentOverrideFileAndOptionsOverrideEnvironment() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("ops.properties"),
                "kafka.bootstrap.servers=file:9092\naegis.registry.url=http://file\n");
        Map<String, String> env = Map.of("AEGIS_CONFIG", file.toString(), "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "AEGIS_REGISTRY_URL", "http://env", "KAFKA_SASL_MECHANISM", "PLAIN");
        Map<String, String> overrides = new HashMap<>();
        overrides.put("aegis.registry.url", "http://option");
        overrides.put("kafka.bootstrap.servers", null);

        // when
        OperatorConfig config = new ConfigLoader(env, dir).load(null, overrides);

        // then
        assertEquals("env:9092", config.kafka().get("bootstrap.servers"));
        assertEquals("PLAIN", config.kafka().get("sasl.mechanism"));
        assertEquals("http://option", config.registryUrl());
        assertNull(config.membersFile());
    }

    @Test
    void shouldFallBackToDevstackFileOfEmbeddedDefault() throws IOException {
        Files.createDirectories(dir.resolve("var"));
        Files.writeString(dir.resolve("var/devstack.json"),
                "{\"broker\": \"localhost:9092\", \"registry\": \"http://localhost:8081\", \"nodes\": {}}");

        OperatorConfig config = new ConfigLoader(Map.of(), dir).load(null, Map.of());

        assertEquals("localhost:9092", config.kafka().get("bootstrap.servers"));
        assertEquals("http://localhost:8081", config.registryUrl());
    }

    @Test
    void shouldLogInAsTheOperatorPrincipalOfTheSecuredDevstack() throws IOException {
        Files.createDirectories(dir.resolve("var"));
        Files.writeString(dir.resolve("var/devstack.json"), """
                {"broker": "localhost:9092", "registry": "http://localhost:8081",
                 "kafkaSecurity": {"protocol": "SASL_PLAINTEXT", "mechanism": "SCRAM-SHA-512"},
                 "operator": {"kafka": {"principal": "aegis-operator", "password": "s3cret"}}, "nodes": {}}""");

        OperatorConfig config = new ConfigLoader(Map.of(), dir).load(null, Map.of());

        assertEquals("SASL_PLAINTEXT", config.kafka().get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.kafka().get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"aegis-operator\""
                + " password=\"s3cret\";", config.kafka().get("sasl.jaas.config"));
    }

    @Test
    void shouldTakeTheOperatorsRegistryCredentialsFromTheDevstackFile() throws IOException {
        // the devstack generates the operator's registry user (allowed to register under sandbox. for imports)
        Files.createDirectories(dir.resolve("var"));
        Files.writeString(dir.resolve("var/devstack.json"), """
                {"broker": "localhost:9092", "registry": "http://localhost:8081",
                 "operator": {"registry": {"username": "operator", "password": "generated-secret"}}}
                """);

        OperatorConfig config = new ConfigLoader(Map.of(), dir).load(null, Map.of());

        assertEquals("operator", config.registryCredentials().username());
        assertEquals("operator:generated-secret", config.registryCredentials().userInfo());
        assertFalse(config.toString().contains("generated-secret"), config.toString());
    }

    @Test
    void shouldLetTheEnvironmentReplaceTheRegistryCredentials() throws IOException {
        Path file = Files.writeString(dir.resolve("ops.yml"), """
                kafka.bootstrap.servers: b:9092
                aegis:
                  registry:
                    url: https://registry.example
                    username: from-file
                    password: file-secret
                """);

        OperatorConfig fromFile = new ConfigLoader(Map.of(), dir).load(file, Map.of());
        OperatorConfig fromEnv = new ConfigLoader(Map.of("AEGIS_REGISTRY_USERNAME", "ops",
                "AEGIS_REGISTRY_PASSWORD", "env-secret"), dir).load(file, Map.of());
        OperatorConfig without = new ConfigLoader(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092",
                "AEGIS_REGISTRY_URL", "http://r"), dir).load(null, Map.of());

        assertEquals("from-file:file-secret", fromFile.registryCredentials().userInfo());
        assertEquals("ops:env-secret", fromEnv.registryCredentials().userInfo());
        assertNull(without.registryCredentials(), "a registry without authentication needs none");
    }

    @Test
    void shouldRefuseARegistryUserWithoutAPassword() {
        ReplayException e = assertThrows(ReplayException.class, () -> new ConfigLoader(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "b:9092", "AEGIS_REGISTRY_URL", "http://r",
                "AEGIS_REGISTRY_USERNAME", "ops"), dir).load(null, Map.of()));

        assertEquals(ReplayException.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("aegis.registry.username is set but aegis.registry.password is not"),
                e.getMessage());
    }

    @Test
    void shouldNameMissingSettingAndWhereToGiveIt() {
        ReplayException missing = assertThrows(ReplayException.class,
                () -> new ConfigLoader(Map.of("AEGIS_REGISTRY_URL", "http://r"), dir).load(null, Map.of()));
        assertEquals(ReplayException.USAGE, missing.exitCode());
        assertTrue(missing.getMessage().startsWith("kafka.bootstrap.servers: not set"), missing.getMessage());

        ReplayException badCountry = assertThrows(ReplayException.class, () -> new ConfigLoader(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "b:9092", "AEGIS_REGISTRY_URL", "http://r",
                "AEGIS_OPERATOR_COUNTRY", "France"), dir).load(null, Map.of()));
        assertTrue(badCountry.getMessage().contains("aegis.operator.country: 'France'"), badCountry.getMessage());
    }
}
