package io.aegis.devstack.infra;

import static io.aegis.devstack.infra.InfraFiles.INFRA;
import static io.aegis.devstack.infra.InfraFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.topic.TopicPlan;
import io.aegis.kafka.topic.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infra/k8s must agree with infra/ (topics, users and grants) and run what the devstack runs:
 * SCRAM-SHA-512 for every client, simple authorization with no ANONYMOUS super user, Aegis's
 * authenticated registry, credentials only from Secrets, and the devstack's settings per service.
 */
class KubernetesManifestsTest {

    private static final Path COMPOSE_CONFIG = INFRA.resolve("compose/config");
    /** Settings a Kubernetes container gets that the devstack's local broker needs not: TLS to the cluster. */
    private static final Set<String> TLS_ONLY = Set.of("KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION");
    private static final Set<String> NOT_SETTINGS = Set.of("JAVA_TOOL_OPTIONS", "MICRONAUT_CONFIG_FILES");
    private static final Map<String, String> PLACEHOLDERS = Map.of("AEGIS_NODE_STATE_DIR", "kafka.streams.default.state.dir");

    @TempDir
    Path root;

    private static final Path K8S = INFRA.resolve("k8s");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private static List<Map<String, Object>> kind(String file, String kind) throws IOException {
        return InfraFiles.documents(K8S.resolve(file)).stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    @Test
    void shouldKeepTheGeneratedStrimziManifestsInStepWithThePlans() throws IOException {
        // a change to topics.yaml, acls.yaml or members.yaml must come with ./aegis manifests
        ManifestFiles generator = new ManifestFiles(INFRA);
        assertEquals(generator.topicsText(), Files.readString(K8S.resolve(ManifestFiles.TOPICS)),
                "infra/k8s/kafka-topics.yaml is stale: run ./aegis manifests");
        assertEquals(generator.usersText(), Files.readString(K8S.resolve(ManifestFiles.USERS)),
                "infra/k8s/kafka-users.yaml is stale: run ./aegis manifests");
    }

    @Test
    void shouldDeclareEveryPlannedTopicWithItsPartitionsReplicasAndConfig() throws IOException {
        // given the plan as kafka-support reads it (the provisioner's view), for every member
        List<TopicSpec> planned = TopicPlan.load(INFRA.resolve("topics.yaml")).topicsFor(InfraFiles.members());

        // when
        Map<String, Map<String, Object>> declared = new HashMap<>();
        for (Map<String, Object> topic : kind(ManifestFiles.TOPICS, "KafkaTopic")) {
            declared.put(at(topic, "spec", "topicName"), at(topic, "spec"));
        }

        // then
        assertEquals(planned.stream().map(TopicSpec::name).collect(Collectors.toSet()), declared.keySet());
        for (TopicSpec spec : planned) {
            Map<String, Object> k8s = declared.get(spec.name());
            assertEquals(spec.partitions(), k8s.get("partitions"), spec.name());
            assertEquals((int) spec.replicationFactor(), k8s.get("replicas"), spec.name());
            assertEquals(new TreeMap<>(spec.configs()), new TreeMap<>(InfraFiles.<Map<String, Object>>at(k8s, "config")),
                    spec.name());
        }
    }

    @Test
    void shouldGiveEveryAclPrincipalAUserWithExactlyItsGrants() throws IOException {
        // given acls.yaml, read on its own
        Map<String, List<Map<String, Object>>> principals = InfraFiles.aclPrincipals();
        Map<String, Map<String, Object>> users = new HashMap<>();
        for (Map<String, Object> user : kind(ManifestFiles.USERS, "KafkaUser")) {
            users.put(at(user, "metadata", "name"), user);
        }

        // then: one user per principal (Kubernetes names are lowercase), same grants in the same order
        assertEquals(principals.size(), users.size());
        principals.forEach((principal, grants) -> {
            String name = principal.substring(principal.indexOf(':') + 1).toLowerCase(Locale.ROOT);
            Map<String, Object> user = users.get(name);
            assertTrue(user != null, "no KafkaUser for " + principal);
            assertEquals("scram-sha-512", at(user, "spec", "authentication", "type"));
            List<Map<String, Object>> acls = at(user, "spec", "authorization", "acls");
            assertEquals(grants.size(), acls.size(), principal);
            for (int i = 0; i < grants.size(); i++) {
                assertGrant(principal, grants.get(i), acls.get(i));
            }
        });
    }

    private static void assertGrant(String principal, Map<String, Object> grant, Map<String, Object> acl) {
        String type = String.valueOf(grant.get("type"));
        Map<String, Object> resource = at(acl, "resource");
        assertEquals(StrimziManifests.resourceType(type), resource.get("type"), principal);
        if (!type.equals("CLUSTER")) {
            assertEquals(grant.get("name"), resource.get("name"), principal);
            String pattern = grant.get("pattern") == null ? "literal" : String.valueOf(grant.get("pattern"));
            assertEquals(pattern.toLowerCase(Locale.ROOT), resource.get("patternType"), principal);
        }
        List<String> operations = ((List<?>) grant.get("operations")).stream()
                .map(op -> StrimziManifests.operation(String.valueOf(op))).toList();
        assertEquals(operations, acl.get("operations"), principal + " " + grant.get("name"));
    }

    @Test
    void shouldParseEveryManifestWithAKindAndAValidName() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertEquals(List.of("aegis-services.yaml", "kafka-cluster.yaml", "kafka-topics.yaml", "kafka-users.yaml"),
                    yamls.stream().map(p -> p.getFileName().toString()).toList());
            for (Path file : yamls) {
                for (Map<String, Object> doc : InfraFiles.documents(file)) {
                    assertTrue(doc.get("apiVersion") instanceof String, file + ": apiVersion");
                    assertTrue(doc.get("kind") instanceof String, file + ": kind");
                    String name = at(doc, "metadata", "name");
                    assertTrue(DNS_NAME.matcher(name).matches(), file + ": invalid Kubernetes name " + name);
                }
            }
        }
    }

    @Test
    void shouldAuthenticateEveryServiceAsAKafkaUserAndRunANodePerMember() throws IOException {
        Set<String> users = new HashSet<>();
        kind(ManifestFiles.USERS, "KafkaUser").forEach(u -> users.add(at(u, "metadata", "name")));
        Set<String> deployments = new HashSet<>();
        for (Map<String, Object> deployment : kind("aegis-services.yaml", "Deployment")) {
            String name = at(deployment, "metadata", "name");
            deployments.add(name);
            List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
            List<Map<String, Object>> env = at(containers.get(0), "env");
            String secret = env.stream().filter(e -> String.valueOf(e.get("name")).endsWith("SASL_JAAS_CONFIG"))
                    .map(e -> InfraFiles.<String>at(e, "valueFrom", "secretKeyRef", "name")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no Kafka credentials"));
            assertTrue(users.contains(secret), name + " authenticates as " + secret + ", which no KafkaUser defines");
        }
        for (String member : InfraFiles.members()) {
            assertTrue(deployments.contains("node-" + member.toLowerCase(Locale.ROOT)), "no node for member " + member);
        }
        assertTrue(deployments.containsAll(Set.of("router", "escalation", "response", "registry")));
    }

    @Test
    void shouldReplicateAsTheTopicDefaultsDemand() throws IOException {
        Map<String, Object> defaults = at(InfraFiles.yaml(INFRA.resolve("topics.yaml")), "defaults");
        Map<String, Object> kafka = kind("kafka-cluster.yaml", "Kafka").get(0);
        Map<String, Object> pool = kind("kafka-cluster.yaml", "KafkaNodePool").get(0);
        assertEquals(defaults.get("replicationFactor"), at(kafka, "spec", "kafka", "config", "default.replication.factor"));
        assertEquals(defaults.get("minInsyncReplicas"), at(kafka, "spec", "kafka", "config", "min.insync.replicas"));
        assertTrue((int) at(pool, "spec", "replicas") >= (int) defaults.get("replicationFactor"));
        assertEquals("simple", at(kafka, "spec", "kafka", "authorization", "type"));
    }

    private static Map<String, Map<String, Object>> deployments() throws IOException {
        Map<String, Map<String, Object>> deployments = new TreeMap<>();
        for (Map<String, Object> deployment : kind("aegis-services.yaml", "Deployment")) {
            List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
            deployments.put(at(deployment, "metadata", "name"), containers.get(0));
        }
        return deployments;
    }

    /** A container's environment by name: the literal value, or "secret:NAME/KEY" for a Secret's key. */
    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new TreeMap<>();
        for (Map<String, Object> entry : InfraFiles.<List<Map<String, Object>>>at(container, "env")) {
            Object ref = entry.get("valueFrom");
            env.put(String.valueOf(entry.get("name")), ref == null ? String.valueOf(entry.get("value"))
                    : "secret:" + at(ref, "secretKeyRef", "name") + "/" + at(ref, "secretKeyRef", "key"));
        }
        return env;
    }

    private static String withoutComments(String file) throws IOException {
        return Files.readAllLines(K8S.resolve(file)).stream().filter(l -> !l.stripLeading().startsWith("#"))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void shouldAuthenticateEveryListenerWithScramAndMakeNoAnonymousSuperUser() throws IOException {
        Map<String, Object> kafka = kind("kafka-cluster.yaml", "Kafka").get(0);
        List<Map<String, Object>> listeners = at(kafka, "spec", "kafka", "listeners");
        assertFalse(listeners.isEmpty());
        for (Map<String, Object> listener : listeners) {
            assertEquals("scram-sha-512", at(listener, "authentication", "type"), "listener " + listener.get("name"));
            assertEquals(true, listener.get("tls"), "listener " + listener.get("name"));
        }
        Map<String, Object> authorization = at(kafka, "spec", "kafka", "authorization");
        assertEquals("simple", authorization.get("type"));
        // Strimzi's own operators authenticate with TLS certificates and are super users by design; nobody else is
        assertEquals(List.of(), authorization.getOrDefault("superUsers", List.of()), "blanket super users");
        String cluster = withoutComments("kafka-cluster.yaml");
        assertFalse(cluster.contains("ANONYMOUS"), "kafka-cluster.yaml names ANONYMOUS");
        assertEquals(false, at(kafka, "spec", "kafka", "config", "allow.everyone.if.no.acl.found"));
    }

    @Test
    void shouldLogEveryServiceInWithScramAsTheKafkaUserOfItsAclPrincipal() throws IOException {
        Map<String, String> principals = new TreeMap<>();
        for (String principal : InfraFiles.aclPrincipals().keySet()) {
            String user = principal.substring(principal.indexOf(':') + 1);
            principals.put(user.toLowerCase(Locale.ROOT), user);
        }
        deployments().forEach((name, container) -> {
            Map<String, String> env = env(container);
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"), name);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), name);
            String jaas = env.get("KAFKA_SASL_JAAS_CONFIG");
            assertTrue(jaas != null && jaas.startsWith("secret:") && jaas.endsWith("/sasl.jaas.config"),
                    name + " does not take its login from a KafkaUser's Secret: " + jaas);
            String user = jaas.substring("secret:".length(), jaas.indexOf('/'));
            assertTrue(principals.containsKey(user), name + " logs in as " + user + ", which infra/acls.yaml does not name");
            if (!name.equals("registry")) {
                // its registry login: the same name as its principal, the password from a Secret of its own
                assertEquals(principals.get(user), env.get("AEGIS_REGISTRY_USERNAME"), name);
                assertEquals("secret:registry-" + user + "/password", env.get("AEGIS_REGISTRY_PASSWORD"), name);
            }
        });
    }

    @Test
    void shouldRunAegisOwnRegistryWithTheDevstacksUsers() throws IOException {
        for (Path file : List.of(K8S.resolve("aegis-services.yaml"), K8S.resolve("kafka-cluster.yaml"))) {
            assertFalse(Files.readString(file).contains("confluentinc"), file + " runs a Confluent image");
        }
        deployments().forEach((name, container) -> assertTrue(String.valueOf(container.get("image")).startsWith("aegis/"),
                name + " runs " + container.get("image")));
        Map<String, Object> registry = deployments().get("registry");
        assertTrue(String.valueOf(registry.get("image")).startsWith("aegis/registry:"));
        assertEquals("/config/registry.yml", env(registry).get("MICRONAUT_CONFIG_FILES"));
        assertEquals(List.of(Map.of("secretRef", Map.of("name", "aegis-registry-hashes"))), registry.get("envFrom"));
        String services = Files.readString(K8S.resolve("aegis-services.yaml"));
        // its users are the compose stack's registry.yml, which ComposeFileTest holds to the devstack's users
        assertTrue(services.contains("kubectl create configmap aegis-registry-users"
                + " --from-file=registry.yml=infra/compose/config/registry.yml"));
        assertTrue(services.contains("configMap: {name: aegis-registry-users}"));
        Map<String, Object> users = DevstackSettings.flatten(InfraFiles.yaml(COMPOSE_CONFIG.resolve("registry.yml")));
        assertEquals(DevstackSettings.registryUsers(DevstackSettings.services(root).get("registry")),
                DevstackSettings.registryUsers(users));
    }

    @Test
    void shouldTakeEveryCredentialFromASecret() throws IOException {
        deployments().forEach((name, container) -> env(container).forEach((variable, value) -> {
            if (variable.matches(".*(PASSWORD|JAAS|_KEY|SHA256).*")) {
                assertTrue(value.startsWith("secret:"), name + ": " + variable + " is a literal");
            }
        }));
        for (String file : List.of("aegis-services.yaml", "kafka-cluster.yaml", "kafka-users.yaml")) {
            String text = withoutComments(file);
            assertFalse(Pattern.compile("(?i)password\\s*[:=]\\s*\\S").matcher(text).find(), file + " holds a password");
        }
    }

    @Test
    void shouldPassEachServiceTheSettingsTheDevstackPasses() throws IOException {
        Map<String, Map<String, Object>> deployments = deployments();
        for (Map.Entry<String, Map<String, Object>> service : DevstackSettings.services(root).entrySet()) {
            String name = service.getKey().toLowerCase(Locale.ROOT);
            assertTrue(deployments.containsKey(name), "no Deployment for " + service.getKey());
            Set<String> keys = new java.util.TreeSet<>();
            env(deployments.get(name)).keySet().stream()
                    .filter(v -> !NOT_SETTINGS.contains(v) && !TLS_ONLY.contains(v))
                    .forEach(v -> keys.add(DevstackSettings.normalize(PLACEHOLDERS.getOrDefault(v, v))));
            String files = env(deployments.get(name)).get("MICRONAUT_CONFIG_FILES");
            if (files != null) {
                // the config files are the compose stack's (a node's node.yml Secret follows compose's node-<CC>.yml)
                String file = name.startsWith("node-") ? "node-" + service.getKey().substring(5) + ".yml"
                        : files.substring(files.lastIndexOf('/') + 1);
                keys.addAll(DevstackSettings.normalized(DevstackSettings.flatten(
                        InfraFiles.yaml(COMPOSE_CONFIG.resolve(file))).keySet()));
            }
            assertEquals(DevstackSettings.normalized(service.getValue().keySet()), keys,
                    name + ": Kubernetes and the devstack configure different keys");
        }
    }
}
