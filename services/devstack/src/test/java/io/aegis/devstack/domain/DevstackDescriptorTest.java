package io.aegis.devstack.domain;

import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.devstack.security.StackLogins;
import io.aegis.kafka.security.AclPlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.devstack.config.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevstackDescriptorTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void shouldWriteExactlyTheContractShape() throws IOException {
        // given: ARCHITECTURE.md's "Embedded default" is a public contract other tools read
        StackSettings settings = StackSettings.fromEnvironment(dir, Map.of("AEGIS_NODES", "FR,DE,JP,BR"));
        StackSecrets secrets = StackSecrets.loadOrCreate(dir.resolve("secrets.json"), settings.countries(),
                StackLogins.credentials(AclPlan.load(Path.of("../../infra/acls.yaml"), settings.countries())),
                new SecureRandom(), DemoKeys.none());
        Path file = dir.resolve("var/devstack.json");

        // when
        DevstackDescriptor.write(file, settings, secrets, (country, role) -> role.defaultUserId(country));

        // then
        Map<String, Object> json = new ObjectMapper().readValue(file.toFile(), Map.class);
        assertEquals(List.of("broker", "registry", "router", "kafkaSecurity", "operator", "mailbox", "nodes"),
                new ArrayList<>(json.keySet()));
        assertEquals(Map.of("url", "http://localhost:8094", "username", "mailbox-reader",
                "password", secrets.password(Realm.MAIL, "mailbox-reader")), json.get("mailbox"));
        assertEquals(Map.of("protocol", "SASL_PLAINTEXT", "mechanism", "SCRAM-SHA-512"), json.get("kafkaSecurity"));
        Map<String, Object> operator = (Map<String, Object>) json.get("operator");
        assertEquals(Map.of("principal", "aegis-operator", "password", secrets.password(Realm.KAFKA, "aegis-operator")),
                operator.get("kafka"));
        assertEquals("localhost:9092", json.get("broker"));
        assertEquals("http://localhost:8081", json.get("registry"));
        Map<String, Object> nodes = (Map<String, Object>) json.get("nodes");
        assertEquals(List.of("FR", "DE", "JP", "BR"), new ArrayList<>(nodes.keySet()));
        Map<String, Object> jp = (Map<String, Object>) nodes.get("JP");
        assertEquals(List.of("url", "tokens", "users", "kafka", "registry", "router"), new ArrayList<>(jp.keySet()));
        Map<String, Object> users = (Map<String, Object>) jp.get("users");
        assertEquals(List.of("publisher", "officer", "operator", "admin"), new ArrayList<>(users.keySet()));
        assertEquals(Map.of("name", "jp-duty-primary", "password", secrets.node("JP").password(DemoRole.OFFICER)),
                users.get("officer"));
        assertEquals(Map.of("username", "node-JP", "password", secrets.password(Realm.REGISTRY, "node-JP")), jp.get("registry"));
        assertEquals("http://localhost:8103", jp.get("url"));
        Map<String, Object> tokens = (Map<String, Object>) jp.get("tokens");
        assertEquals(List.of("publisher", "officer", "operator", "admin"), new ArrayList<>(tokens.keySet()));
        assertEquals(secrets.node("JP").token(DemoRole.OFFICER), tokens.get("officer"));
        assertEquals(json, DevstackDescriptor.read(file));
        // it holds every member's logins: the owner alone may read it
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void shouldTellToRunUpWhenThereIsNoDescriptor() {
        IOException e = assertThrows(IOException.class, () -> DevstackDescriptor.read(dir.resolve("devstack.json")));
        assertEquals(dir.resolve("devstack.json") + " does not exist; start the devstack with ./aegis up", e.getMessage());
        assertEquals(false, Files.exists(dir.resolve("devstack.json")));
    }
}
