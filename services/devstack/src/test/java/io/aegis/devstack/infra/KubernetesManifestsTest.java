package io.aegis.devstack.infra;

import static io.aegis.devstack.infra.InfraFiles.INFRA;
import static io.aegis.devstack.infra.InfraFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class KubernetesManifestsTest {

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
        assertTrue(deployments.containsAll(Set.of("router", "escalation", "response", "schema-registry")));
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
}
