package io.aegis.devstack.infra;

import static io.aegis.devstack.infra.InfraFiles.INFRA;
import static io.aegis.devstack.infra.InfraFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.devstack.security.StackLogins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infra/compose must run what the devstack runs: SCRAM-SHA-512 for every client, one login per
 * principal of acls.yaml, no ANONYMOUS or client super user, Aegis's authenticated registry, no
 * credential in the files, and each service configured with the devstack's keys.
 */
class ComposeFileTest {

    private static final Path COMPOSE = INFRA.resolve("compose");
    private static final Pattern USERNAME = Pattern.compile("username=\"([^\"]+)\"");
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]*}");
    private static final Pattern QUOTED_SECRET = Pattern.compile("(password|user_[A-Za-z0-9-]+)=\"([^\"]*)\"");
    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final Set<String> CLUSTER_LOGINS = Set.of(StackLogins.ADMIN, StackLogins.BROKER, StackLogins.CONTROLLER);
    /** Environment variables that configure the container, not a setting the devstack passes. */
    private static final Set<String> NOT_SETTINGS = Set.of("JAVA_TOOL_OPTIONS", "MICRONAUT_CONFIG_FILES");
    /** Environment variables the services' application.yml reads as a placeholder of another key. */
    private static final Map<String, String> PLACEHOLDERS = Map.of("AEGIS_NODE_STATE_DIR", "kafka.streams.default.state.dir");

    @TempDir
    Path root;

    private Map<String, Map<String, Object>> services;

    @BeforeEach
    void readCompose() throws IOException {
        services = at(InfraFiles.yaml(COMPOSE.resolve("docker-compose.yml")), "services");
    }

    private Map<String, Object> env(String service) {
        return at(services.get(service), "environment");
    }

    private static List<String> brokers() {
        return List.of("kafka-1", "kafka-2", "kafka-3");
    }

    /** The compose services that log in to Kafka as a client, with their settings. */
    private Map<String, Map<String, Object>> kafkaClients() {
        Map<String, Map<String, Object>> clients = new TreeMap<>();
        services.forEach((name, service) -> {
            Object env = service.get("environment");
            if (env instanceof Map<?, ?> map && map.containsKey("KAFKA_SASL_JAAS_CONFIG")) {
                clients.put(name, env(name));
            }
        });
        return clients;
    }

    private String principalOf(String service) {
        Matcher m = USERNAME.matcher(String.valueOf(env(service).get("KAFKA_SASL_JAAS_CONFIG")));
        assertTrue(m.find(), service + " has no SASL username");
        return "User:" + m.group(1);
    }

    /** The compose name of a devstack service ({@code node-FR} runs as {@code node-fr}). */
    private static String composeName(String devstackName) {
        return devstackName.toLowerCase(Locale.ROOT);
    }

    @Test
    void shouldRunThreeKraftBrokersInOneQuorum() {
        Set<Object> ids = new HashSet<>();
        for (String broker : brokers()) {
            Map<String, Object> env = env(broker);
            assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"), broker);
            assertEquals("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093", env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            assertEquals("SASL_PLAINTEXT://" + broker + ":9092,BROKER://" + broker + ":9094",
                    env.get("KAFKA_ADVERTISED_LISTENERS"));
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
    void shouldAcceptOnlyScramLoginsOnTheClientListenerAndNoUnauthenticatedListener() {
        for (String broker : brokers()) {
            Map<String, Object> env = env(broker);
            // every listener authenticates: a PLAINTEXT one would make its callers ANONYMOUS
            for (String mapping : String.valueOf(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(",")) {
                assertTrue(mapping.endsWith(":SASL_PLAINTEXT") || mapping.endsWith(":SASL_SSL"),
                        broker + " has an unauthenticated listener: " + mapping);
            }
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_ENABLED_MECHANISMS"), broker);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_LISTENER_NAME_SASL__PLAINTEXT_SASL_ENABLED_MECHANISMS"), broker);
            assertTrue(String.valueOf(env.get("KAFKA_LISTENERS")).contains("SASL_PLAINTEXT://:9092"), broker);
        }
    }

    @Test
    void shouldMakeOnlyTheClustersOwnNamedLoginsSuperUsers() throws IOException {
        Set<String> aclPrincipals = InfraFiles.aclPrincipals().keySet();
        for (String broker : brokers()) {
            Map<String, Object> env = env(broker);
            Set<String> superUsers = Set.of(String.valueOf(env.get("KAFKA_SUPER_USERS")).split(";"));
            assertEquals(CLUSTER_LOGINS.stream().map(u -> "User:" + u).collect(Collectors.toSet()), superUsers, broker);
            assertFalse(superUsers.contains("User:ANONYMOUS"), broker + " makes ANONYMOUS a super user");
            superUsers.forEach(user -> assertFalse(aclPrincipals.contains(user), user + " is a client and a super user"));
            // the PLAIN listeners (brokers, controllers, provisioning) know only those logins
            for (String key : List.of("KAFKA_LISTENER_NAME_BROKER_PLAIN_SASL_JAAS_CONFIG",
                    "KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG")) {
                Matcher users = Pattern.compile("user_([A-Za-z0-9-]+)=").matcher(String.valueOf(env.get(key)));
                int count = 0;
                while (users.find()) {
                    count++;
                    assertTrue(CLUSTER_LOGINS.contains(users.group(1)), broker + " " + key + " lets " + users.group(1) + " in");
                }
                assertTrue(count > 0, broker + " " + key + " has no login");
            }
        }
    }

    @Test
    void shouldLogEveryClientInWithScramAsAnAclPrincipal() throws IOException {
        Set<String> aclPrincipals = InfraFiles.aclPrincipals().keySet();
        Map<String, Map<String, Object>> clients = kafkaClients();
        assertTrue(clients.keySet().containsAll(Set.of("registry", "router", "escalation", "response")), clients.keySet()
                .toString());
        clients.forEach((name, env) -> {
            assertEquals("SASL_PLAINTEXT", env.get("KAFKA_SECURITY_PROTOCOL"), name);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), name);
            assertTrue(String.valueOf(env.get("KAFKA_SASL_JAAS_CONFIG")).startsWith(SCRAM_MODULE + " required "), name);
            assertTrue(aclPrincipals.contains(principalOf(name)), name + " logs in as " + principalOf(name)
                    + ", which infra/acls.yaml does not name");
        });
        assertEquals("User:aegis-router", principalOf("router"));
        assertEquals("User:aegis-escalation", principalOf("escalation"));
        assertEquals("User:aegis-response", principalOf("response"));
        assertEquals("User:aegis-registry", principalOf("registry"));
        for (String member : InfraFiles.members()) {
            assertEquals("User:node-" + member, principalOf("node-" + member.toLowerCase(Locale.ROOT)));
        }
    }

    @Test
    void shouldGiveEveryAclPrincipalAScramLoginBeforeAnyServiceStarts() throws IOException {
        // the aegis-users job sets one SCRAM-SHA-512 login per principal, each password from its own variable
        Map<String, Object> job = services.get("aegis-users");
        assertEquals("users", ((List<?>) job.get("command")).get(0));
        Map<String, Object> env = env("aegis-users");
        for (String principal : InfraFiles.aclPrincipals().keySet()) {
            String variable = UsersCommand.passwordVariable(principal.substring(principal.indexOf(':') + 1));
            assertEquals("${" + variable + ":?set " + variable + " in .env}", env.get(variable),
                    "aegis-users does not set the login of " + principal);
        }
        // and each client logs in with the password of that same variable
        kafkaClients().forEach((name, clientEnv) -> {
            String user = principalOf(name).substring("User:".length());
            assertTrue(String.valueOf(clientEnv.get("KAFKA_SASL_JAAS_CONFIG"))
                    .contains("password=\"${" + UsersCommand.passwordVariable(user) + ":?"), name);
        });
        assertEquals(Map.of("condition", "service_completed_successfully"),
                at(services.get("aegis-topics"), "depends_on", "aegis-users"));
    }

    @Test
    void shouldRunAegisOwnRegistryWithTheDevstacksUsers() throws IOException {
        services.forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            assertFalse(image.contains("confluentinc") || image.contains("schema-registry"),
                    name + " runs a registry other than Aegis's: " + image);
        });
        assertTrue(String.valueOf(services.get("registry").get("image")).startsWith("aegis/registry:"));
        assertEquals("/config/registry.yml", env("registry").get("MICRONAUT_CONFIG_FILES"));
        assertTrue(((List<?>) services.get("registry").get("volumes")).contains("./config/registry.yml:/config/registry.yml:ro"));

        // the same users as the devstack's registry, with the same rights; hashes only, from the registry's environment
        Map<String, Object> registry = DevstackSettings.flatten(InfraFiles.yaml(COMPOSE.resolve("config/registry.yml")));
        Map<String, Object> devstack = DevstackSettings.services(root).get("registry");
        assertEquals(DevstackSettings.registryUsers(devstack), DevstackSettings.registryUsers(registry));
        registry.forEach((key, value) -> {
            if (key.endsWith(".password-sha256")) {
                Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(String.valueOf(value));
                assertTrue(placeholder.matches(), key + " is not taken from the environment");
                assertTrue(env("registry").containsKey(placeholder.group(1)), "the registry lacks " + placeholder.group(1));
            }
        });
    }

    @Test
    void shouldGiveEveryRegistryClientItsOwnLogin() throws IOException {
        Set<String> registryUsers = DevstackSettings.registryUsers(
                DevstackSettings.flatten(InfraFiles.yaml(COMPOSE.resolve("config/registry.yml")))).keySet();
        kafkaClients().forEach((name, env) -> {
            if (!name.equals("registry")) {
                String user = principalOf(name).substring("User:".length());
                assertEquals(user, env.get("AEGIS_REGISTRY_USERNAME"), name);
                String variable = user.toUpperCase(Locale.ROOT).replace('-', '_') + "_REGISTRY_PASSWORD";
                assertEquals("${" + variable + ":?set " + variable + " in .env}", env.get("AEGIS_REGISTRY_PASSWORD"), name);
                assertTrue(registryUsers.contains(user), "the registry has no user " + user);
            }
        });
        assertEquals(List.of("schemas", "--registry", "http://registry:8081", "--user", StackLogins.REGISTRY_ADMIN,
                "--infra", "/infra"), services.get("aegis-schemas").get("command"));
    }

    @Test
    void shouldPassEachServiceTheSettingsTheDevstackPasses() throws IOException {
        Map<String, Map<String, Object>> devstack = DevstackSettings.services(root);
        for (Map.Entry<String, Map<String, Object>> service : devstack.entrySet()) {
            String name = composeName(service.getKey());
            assertTrue(services.containsKey(name), "no compose service for " + service.getKey());
            assertEquals(DevstackSettings.normalized(service.getValue().keySet()), composeSettings(name),
                    name + ": compose and the devstack configure different keys");
        }
    }

    /** The setting keys a compose service gets: its environment and the config file it mounts. */
    private Set<String> composeSettings(String name) throws IOException {
        Set<String> keys = new java.util.TreeSet<>();
        Map<String, Object> env = env(name);
        Object files = env.get("MICRONAUT_CONFIG_FILES");
        Set<String> placeholders = new java.util.HashSet<>();
        if (files != null) {
            String mounted = ((List<?>) services.get(name).get("volumes")).stream().map(String::valueOf)
                    .filter(v -> v.endsWith(":" + files + ":ro")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " mounts no " + files));
            Path file = COMPOSE.resolve(mounted.substring(0, mounted.indexOf(':')));
            keys.addAll(DevstackSettings.normalized(DevstackSettings.flatten(InfraFiles.yaml(file)).keySet()));
            java.util.regex.Matcher used = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(file));
            while (used.find()) {
                placeholders.add(used.group(1));
            }
        }
        for (String variable : env.keySet()) {
            // a variable the mounted config file reads as a placeholder (a secret such as a signing key) is not a setting
            if (!NOT_SETTINGS.contains(variable) && !placeholders.contains(variable)) {
                keys.add(DevstackSettings.normalize(PLACEHOLDERS.getOrDefault(variable, variable)));
            }
        }
        return keys;
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
    void shouldHoldNoCredentialInAnyFile() throws IOException {
        // every password in the compose file and its config comes from the operator's .env
        List<Path> files;
        try (Stream<Path> config = Files.list(COMPOSE.resolve("config"))) {
            files = Stream.concat(Stream.of(COMPOSE.resolve("docker-compose.yml")), config).sorted().toList();
        }
        for (Path file : files) {
            String text = withoutComments(file);
            Matcher secret = QUOTED_SECRET.matcher(text);
            while (secret.find()) {
                assertTrue(secret.group(2).matches("\\$\\{(env:)?[A-Z0-9_]+(:\\?[^}]*)?}"),
                        file.getFileName() + ": " + secret.group(1) + " is a literal, not taken from the environment");
            }
            Matcher yamlSecret = Pattern.compile("(?m)(password|password-sha256|password-hash|token-sha256|signing-key|session-key):\\s*(\\S+)")
                    .matcher(text);
            while (yamlSecret.find()) {
                assertTrue(yamlSecret.group(2).startsWith("${"), file.getFileName() + ": literal " + yamlSecret.group(1));
            }
        }
        for (Map.Entry<String, Object> variable : services.values().stream()
                .filter(s -> s.get("environment") instanceof Map<?, ?>)
                .flatMap(s -> InfraFiles.<Map<String, Object>>at(s, "environment").entrySet().stream()).toList()) {
            // (the JAAS strings' passwords are checked above)
            if (variable.getKey().matches(".*(PASSWORD|_SHA256|_KEY|_PASSWORD_HASH)$")) {
                assertTrue(String.valueOf(variable.getValue()).contains("${"), variable.getKey() + " holds a literal");
            }
        }
        // the example names the variables and holds no value but the image version
        for (String line : Files.readAllLines(COMPOSE.resolve(".env.example"))) {
            if (!line.startsWith("#") && line.contains("=") && !line.startsWith("AEGIS_VERSION=")) {
                assertEquals("", line.substring(line.indexOf('=') + 1), ".env.example holds a value: " + line);
            }
        }
    }

    private static String withoutComments(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.stripLeading().startsWith("#"))
                .collect(Collectors.joining("\n"));
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
        Matcher required = REQUIRED.matcher(Files.readString(COMPOSE.resolve("docker-compose.yml")));
        int count = 0;
        while (required.find()) {
            count++;
            assertTrue(defined.contains(required.group(1)), ".env.example lacks " + required.group(1));
        }
        assertTrue(count > 20, "expected the passwords, keys and token hashes to be required, found " + count);
        // and the config files' placeholders are variables their service gets
        Map<String, String> placeholders = new LinkedHashMap<>(Map.of("registry.yml", "registry", "router.yml", "router"));
        for (String member : InfraFiles.members()) {
            placeholders.put("node-" + member + ".yml", "node-" + member.toLowerCase(Locale.ROOT));
        }
        for (Map.Entry<String, String> file : placeholders.entrySet()) {
            Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(
                    Files.readString(COMPOSE.resolve("config").resolve(file.getKey())));
            while (placeholder.find()) {
                assertTrue(env(file.getValue()).containsKey(placeholder.group(1)),
                        file.getKey() + " needs " + placeholder.group(1) + ", which " + file.getValue() + " does not get");
            }
        }
    }
}
