package io.aegis.devstack.services;

import io.aegis.devstack.domain.DemoKeys;
import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.devstack.security.StackLogins;
import io.aegis.kafka.security.AclPlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private StackSecrets secrets(StackSettings settings) throws IOException {
        AclPlan plan = AclPlan.load(Path.of("../../infra/acls.yaml"), settings.countries());
        return StackSecrets.loadOrCreate(root.resolve("var/secrets.json"), settings.countries(),
                StackLogins.credentials(plan), new SecureRandom(), DemoKeys.none());
    }

    private ServiceCatalog catalog(StackSettings settings) throws IOException {
        StackSecrets secrets = secrets(settings);
        return new ServiceCatalog(settings, secrets, new StackLogins(settings, secrets),
                new Rosters(root.resolve("infra/rosters"))::userId);
    }

    @Test
    void shouldStartTheRegistryFirstAndTheNodesAfterTheCoordinationServices() throws IOException {
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of());
        List<String> names = catalog(settings).all().stream().map(ServiceSpec::name).toList();
        assertEquals(List.of("registry", "router", "escalation", "response", "mailbox", "node-FR", "node-DE", "node-JP",
                "node-BR", "node-KE"), names);
    }

    @Test
    void shouldPageEveryRosterOfficerThroughTheMailboxWithTheNodesOwnLoginAndLinkKey() throws IOException {
        // given France's roster with a backup officer
        Files.createDirectories(root.resolve("infra/rosters"));
        Files.writeString(root.resolve("infra/rosters/FR.yaml"), "country: FR\ntiers:\n  CRITICAL:\n"
                + "    primary: {id: fr-duty-primary, name: P}\n    backup: {id: fr-duty-backup, name: B}\n");
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of("AEGIS_NODES", "FR,DE"));
        StackSecrets secrets = secrets(settings);
        ServiceCatalog catalog = catalog(settings);

        // when
        Map<String, Object> fr = catalog.network().stream().filter(s -> s.name().equals("node-FR")).findFirst()
                .orElseThrow().config();
        ServiceSpec mailbox = catalog.mailbox();

        // then: the node logs in to the mailbox's SMTP as itself, and the mailbox knows that login
        assertEquals(true, fr.get("aegis.node.paging.enabled"));
        assertEquals(settings.smtpPort(), fr.get("aegis.node.paging.smtp.port"));
        assertEquals("node-FR", fr.get("aegis.node.paging.smtp.username"));
        assertEquals(secrets.password(Realm.MAIL, "node-FR"), fr.get("aegis.node.paging.smtp.password"));
        assertEquals(secrets.password(Realm.MAIL, "node-FR"), mailbox.config().get("aegis.mailbox.senders.node-FR"));
        // each node its own 32-byte link key
        byte[] key = java.util.Base64.getDecoder().decode(String.valueOf(fr.get("aegis.node.paging.link-key")));
        assertEquals(32, key.length);
        assertFalse(fr.get("aegis.node.paging.link-key").equals(catalog.network().stream()
                .filter(s -> s.name().equals("node-DE")).findFirst().orElseThrow().config().get("aegis.node.paging.link-key")));
        // every officer of the roster has an address, the backup too (re-escalation pages the backup)
        assertEquals("fr-duty-primary@fr.aegis.test", fr.get("aegis.node.paging.addresses.fr-duty-primary"));
        assertEquals("fr-duty-backup@fr.aegis.test", fr.get("aegis.node.paging.addresses.fr-duty-backup"));
        // the page's reader is known by a hash only
        assertFalse(ConfigFiles.render(mailbox.config()).contains(secrets.password(Realm.MAIL, StackLogins.MAILBOX_READER)));
        assertEquals(NodeSecrets.sha256Hex(secrets.password(Realm.MAIL, StackLogins.MAILBOX_READER)),
                mailbox.config().get("aegis.mailbox.reader.password-sha256"));
    }

    @Test
    void shouldGiveANodeTokenHashesNeverTokens() throws IOException {
        // given
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of("AEGIS_NODES", "FR,DE"));
        StackSecrets secrets = secrets(settings);

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
        for (ServiceSpec spec : catalog.all().stream().filter(s -> !s.name().equals(ServiceCatalog.MAILBOX)).toList()) {
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

    @Test
    void shouldLogEachServiceInAsItsOwnPrincipalAndGiveTheRegistryOnlyPasswordHashes() throws IOException {
        // given
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of("AEGIS_NODES", "FR,DE"));
        StackSecrets secrets = secrets(settings);
        Map<String, ServiceSpec> services = new java.util.HashMap<>();
        catalog(settings).all().forEach(spec -> services.put(spec.name(), spec));

        // then: every Kafka client logs in with SCRAM as the principal acls.yaml grants
        Map<String, String> principals = Map.of("registry", "aegis-registry", "router", "aegis-router",
                "escalation", "aegis-escalation", "response", "aegis-response", "node-FR", "node-FR", "node-DE", "node-DE");
        principals.forEach((service, principal) -> {
            Map<String, Object> config = services.get(service).config();
            assertEquals("SASL_PLAINTEXT", config.get("kafka.security.protocol"), service);
            assertEquals("SCRAM-SHA-512", config.get("kafka.sasl.mechanism"), service);
            assertTrue(config.get("kafka.sasl.jaas.config").toString().contains("username=\"" + principal + "\" password=\""
                    + secrets.password(Realm.KAFKA, principal) + "\""), service);
        });
        // services reach the registry as their own user, and may register only their Kafka Streams subjects
        Map<String, Object> fr = services.get("node-FR").config();
        assertEquals("node-FR", fr.get("aegis.registry.username"));
        assertEquals(secrets.password(Realm.REGISTRY, "node-FR"), fr.get("aegis.registry.password"));
        // the registry knows its users by hash only; its administrator alone may write
        Map<String, Object> registry = services.get("registry").config();
        assertEquals(NodeSecrets.sha256Hex(secrets.password(Realm.REGISTRY, "node-FR")),
                registry.get("aegis.registry.auth.users.node-FR.password-sha256"));
        assertEquals(true, registry.get("aegis.registry.auth.users.registry-admin.admin"));
        assertEquals(List.of("sandbox."), registry.get("aegis.registry.auth.users.aegis-operator.write-subjects"));
        assertEquals(List.of("aegis-node-FR-"), registry.get("aegis.registry.auth.users.node-FR.write-subjects"));
        assertEquals(List.of("aegis-response-"), registry.get("aegis.registry.auth.users.aegis-response.write-subjects"));
        assertFalse(ConfigFiles.render(registry).contains(secrets.password(Realm.REGISTRY, StackLogins.REGISTRY_ADMIN)));
        // the router's receipts API: each member sees its own signals
        Map<String, Object> router = services.get("router").config();
        assertEquals("FR", router.get("aegis.router.api.users.node-FR.country"));
        assertEquals(true, router.get("aegis.router.api.users.aegis-operator.coordination"));
    }
}
