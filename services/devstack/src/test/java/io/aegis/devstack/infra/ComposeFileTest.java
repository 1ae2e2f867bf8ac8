package io.aegis.devstack.infra;

import static io.aegis.devstack.infra.InfraFiles.INFRA;
import static io.aegis.devstack.infra.InfraFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComposeFileTest {

    private static final Path COMPOSE = INFRA.resolve("compose");
    private static final Pattern USERNAME = Pattern.compile("username=\"([^\"]+)\"");

    private Map<String, Map<String, Object>> services;

    @BeforeEach
    void readCompose() throws IOException {
        services = at(InfraFiles.yaml(COMPOSE.resolve("docker-compose.yml")), "services");
    }

    private Map<String, Object> env(String service) {
        return at(services.get(service), "environment");
    }

    private String principalOf(String service) {
        Matcher m = USERNAME.matcher(String.valueOf(env(service).get(service.equals("schema-registry")
                ? "SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG" : "KAFKA_SASL_JAAS_CONFIG")));
        assertTrue(m.find(), service + " has no SASL username");
        return "User:" + m.group(1);
    }

    @Test
    void shouldRunThreeKraftBrokersInOneQuorum() {
        Set<Object> ids = new HashSet<>();
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, Object> env = env(broker);
            assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"), broker);
            assertEquals("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093", env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            assertEquals("SASL_PLAINTEXT://" + broker + ":9092", env.get("KAFKA_ADVERTISED_LISTENERS"));
            assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", env.get("KAFKA_AUTHORIZER_CLASS_NAME"));
            assertEquals("false", env.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"));
            ids.add(env.get("KAFKA_NODE_ID"));
        }
        assertEquals(Set.of(1, 2, 3), ids);
    }

    @Test
    void shouldReplicateAsTheTopicDefaultsDemand() throws IOException {
        Map<String, Object> defaults = at(InfraFiles.yaml(INFRA.resolve("topics.yaml")), "defaults");
        Map<String, Object> env = env("kafka-1");
        assertEquals(defaults.get("replicationFactor"), env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"));
        assertEquals(defaults.get("minInsyncReplicas"), env.get("KAFKA_MIN_INSYNC_REPLICAS"));
        assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
    }

    @Test
    void shouldLetEveryAclPrincipalLogInAtTheBrokers() throws IOException {
        String jaas = String.valueOf(env("kafka-1").get("KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG"));
        for (String principal : InfraFiles.aclPrincipals().keySet()) {
            String user = principal.substring(principal.indexOf(':') + 1);
            assertTrue(jaas.contains("user_" + user + "=\""), "brokers do not know " + principal);
        }
    }

    @Test
    void shouldAuthenticateEachServiceAsTheAclPrincipalMeantForIt() throws IOException {
        Map<String, List<Map<String, Object>>> principals = InfraFiles.aclPrincipals();
        assertEquals("User:aegis-router", principalOf("router"));
        assertEquals("User:aegis-escalation", principalOf("escalation"));
        assertEquals("User:aegis-response", principalOf("response"));
        assertEquals("User:aegis-registry", principalOf("schema-registry"));
        for (String member : InfraFiles.members()) {
            String node = "node-" + member.toLowerCase(Locale.ROOT);
            assertEquals("User:node-" + member, principalOf(node));
        }
        for (String service : List.of("router", "escalation", "response", "schema-registry")) {
            assertTrue(principals.containsKey(principalOf(service)), service + "'s principal has no ACLs");
        }
        // the registry's store and consumer group are the ones its grants name
        Map<String, Object> registry = env("schema-registry");
        List<String> granted = principals.get("User:aegis-registry").stream().map(g -> String.valueOf(g.get("name")))
                .toList();
        assertTrue(granted.contains(String.valueOf(registry.get("SCHEMA_REGISTRY_KAFKASTORE_TOPIC"))));
        assertTrue(granted.stream().anyMatch(String.valueOf(registry.get("SCHEMA_REGISTRY_KAFKASTORE_GROUP_ID"))::startsWith));
    }

    @Test
    void shouldRunANodePerMemberWithItsOwnIdentityAndRosterOfficer() throws IOException {
        List<String> members = InfraFiles.members();
        for (int i = 0; i < members.size(); i++) {
            String cc = members.get(i);
            Map<String, Object> node = services.get("node-" + cc.toLowerCase(Locale.ROOT));
            assertTrue(node != null, "no compose service for member " + cc);
            assertEquals(List.of((8101 + i) + ":" + (8101 + i)), node.get("ports"));
            Map<String, Object> config = InfraFiles.yaml(COMPOSE.resolve("config/node-" + cc + ".yml"));
            assertEquals(cc, at(config, "aegis", "node", "country"));
            Map<String, Object> users = at(config, "aegis", "node", "users");
            String officer = at(InfraFiles.yaml(INFRA.resolve("rosters/" + cc + ".yaml")), "tiers", "CRITICAL", "primary",
                    "id");
            assertEquals(List.of("DUTY_OFFICER"), at(users, officer, "roles"), cc + " officer " + officer);
        }
    }

    @Test
    void shouldDefineInTheEnvironmentExampleEveryVariableTheStackRequires() throws IOException {
        // docker compose refuses to start when a ${VAR:?…} is unset; the example must cover them all
        Set<String> defined = new HashSet<>();
        for (String line : Files.readAllLines(COMPOSE.resolve(".env.example"))) {
            if (!line.startsWith("#") && line.contains("=")) {
                defined.add(line.substring(0, line.indexOf('=')));
            }
        }
        Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(Files.readString(COMPOSE.resolve(
                "docker-compose.yml")));
        int count = 0;
        while (required.find()) {
            count++;
            assertTrue(defined.contains(required.group(1)), ".env.example lacks " + required.group(1));
        }
        assertTrue(count > 20, "expected the passwords, keys and token hashes to be required, found " + count);
    }
}
