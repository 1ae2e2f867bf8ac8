package io.aegis.devstack.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.DemoRole;
import io.aegis.devstack.domain.NodeSecrets;
import io.aegis.devstack.domain.StackSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCatalogTest {

    @TempDir
    Path root;

    private ServiceCatalog catalog(StackSettings settings) throws IOException {
        StackSecrets secrets = StackSecrets.loadOrCreate(root.resolve("var/secrets.json"), settings.countries(),
                new SecureRandom());
        return new ServiceCatalog(settings, secrets, new Rosters(root.resolve("infra/rosters"))::userId);
    }

    @Test
    void shouldStartTheRegistryFirstAndTheNodesAfterTheCoordinationServices() throws IOException {
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of());
        List<String> names = catalog(settings).all().stream().map(ServiceSpec::name).toList();
        assertEquals(List.of("registry", "router", "escalation", "response", "node-FR", "node-DE", "node-JP",
                "node-BR", "node-KE"), names);
    }

    @Test
    void shouldGiveANodeTokenHashesNeverTokens() throws IOException {
        // given
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of("AEGIS_NODES", "FR,DE"));
        StackSecrets secrets = StackSecrets.loadOrCreate(root.resolve("var/secrets.json"), settings.countries(),
                new SecureRandom());

        // when
        ServiceSpec de = catalog(settings).network().stream().filter(s -> s.name().equals("node-DE")).findFirst()
                .orElseThrow();

        // then
        assertEquals(8102, de.port());
        assertEquals("io.aegis.node.NodeApplication", de.mainClass());
        assertEquals("DE", de.config().get("aegis.node.country"));
        assertEquals(secrets.node("DE").signingKey(), de.config().get("aegis.node.signing-key"));
        assertEquals(NodeSecrets.sha256Hex(secrets.node("DE").token(DemoRole.PUBLISHER)),
                de.config().get("aegis.node.users.de-publisher.token-sha256"));
        assertEquals(List.of("DUTY_OFFICER"), de.config().get("aegis.node.users.de-duty-primary.roles"));
        String rendered = ConfigFiles.render(de.config());
        for (DemoRole role : DemoRole.values()) {
            assertFalse(rendered.contains(secrets.node("DE").token(role)), "a token leaked into the node config");
        }
    }

    @Test
    void shouldPointEveryServiceAtTheDevstackBrokerRegistryAndMembersFile() throws IOException {
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of("AEGIS_BROKER_PORT", "19092"));
        ServiceCatalog catalog = catalog(settings);
        for (ServiceSpec spec : catalog.all()) {
            assertEquals("localhost:19092", spec.config().get("kafka.bootstrap.servers"), spec.name());
            assertEquals("http://localhost:8081", spec.config().get("aegis.registry.url"), spec.name());
            assertEquals(catalog.membersFile().toString(), spec.config().get("aegis.members-file"), spec.name());
            assertEquals(spec.port(), spec.config().get("micronaut.server.port"), spec.name());
        }
    }

    @Test
    void shouldNameTheOfficerAfterTheRostersPrimaryCriticalOfficer() throws IOException {
        // given a roster whose primary CRITICAL officer is not the default id
        Files.createDirectories(root.resolve("infra/rosters"));
        Files.writeString(root.resolve("infra/rosters/FR.yaml"), "country: FR\ntiers:\n  CRITICAL:\n"
                + "    primary: {id: fr-cert-watch, name: CERT-FR watch}\n");
        Rosters rosters = new Rosters(root.resolve("infra/rosters"));

        // then
        assertEquals("fr-cert-watch", rosters.userId("FR", DemoRole.OFFICER));
        assertEquals("de-duty-primary", rosters.userId("DE", DemoRole.OFFICER));
        assertEquals("fr-admin", rosters.userId("FR", DemoRole.ADMIN));
    }
}
