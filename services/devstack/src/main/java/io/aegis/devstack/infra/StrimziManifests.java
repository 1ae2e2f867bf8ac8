package io.aegis.devstack.infra;

import io.aegis.kafka.security.AclPlan;

import io.aegis.kafka.topic.TopicSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strimzi custom resources derived from the repository's own plans, so that the Kubernetes
 * deployment cannot drift from {@code infra/topics.yaml} and {@code infra/acls.yaml}: one
 * {@code KafkaTopic} per planned topic and one SCRAM {@code KafkaUser} per principal, carrying
 * exactly its grants. Kubernetes names are lowercase, so a principal {@code User:node-FR}
 * becomes the KafkaUser (and Kafka principal) {@code node-fr}; topic names keep their case in
 * {@code spec.topicName}.
 */
public final class StrimziManifests {

    public static final String API_VERSION = "kafka.strimzi.io/v1beta2";
    public static final String CLUSTER = "aegis";

    private StrimziManifests() {
    }

    /** A Kubernetes object name for a Kafka name: lowercase, '_' dropped at the ends, other '_' as '-'. */
    public static String k8sName(String kafkaName) {
        String lower = kafkaName.toLowerCase(Locale.ROOT).replaceAll("^_+|_+$", "").replace('_', '-');
        return lower.replaceAll("[^a-z0-9.-]", "-");
    }

    public static List<Map<String, Object>> topics(List<TopicSpec> specs) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (TopicSpec spec : specs) {
            Map<String, Object> topicSpec = new LinkedHashMap<>();
            topicSpec.put("topicName", spec.name());
            topicSpec.put("partitions", spec.partitions());
            topicSpec.put("replicas", (int) spec.replicationFactor());
            topicSpec.put("config", new TreeMap<>(spec.configs()));
            docs.add(resource("KafkaTopic", k8sName(spec.name()), topicSpec));
        }
        return docs;
    }

    public static List<Map<String, Object>> users(AclPlan plan) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (AclPlan.Principal principal : plan.principals()) {
            List<Map<String, Object>> acls = new ArrayList<>();
            for (AclPlan.Grant grant : principal.grants()) {
                Map<String, Object> resource = new LinkedHashMap<>();
                resource.put("type", resourceType(grant.type()));
                if (!grant.type().equals("CLUSTER")) {
                    resource.put("name", grant.name());
                    resource.put("patternType", grant.pattern().toLowerCase(Locale.ROOT));
                }
                Map<String, Object> acl = new LinkedHashMap<>();
                acl.put("resource", resource);
                acl.put("operations", grant.operations().stream().map(StrimziManifests::operation).toList());
                acl.put("host", grant.host());
                acls.add(acl);
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("authentication", ordered("type", "scram-sha-512"));
            Map<String, Object> authorization = ordered("type", "simple");
            authorization.put("acls", acls);
            spec.put("authorization", authorization);
            docs.add(resource("KafkaUser", k8sName(principal.user()), spec));
        }
        return docs;
    }

    private static Map<String, Object> resource(String kind, String name, Map<String, Object> spec) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", kind);
        Map<String, Object> metadata = ordered("name", name);
        metadata.put("labels", ordered("strimzi.io/cluster", CLUSTER));
        doc.put("metadata", metadata);
        doc.put("spec", spec);
        return doc;
    }

    /** A one-entry map that keeps insertion order (Map.of's order changes between JVM runs). */
    private static Map<String, Object> ordered(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    /** Strimzi's resource type names: topic, group, transactionalId, cluster. */
    static String resourceType(String type) {
        return switch (type) {
            case "TOPIC" -> "topic";
            case "GROUP" -> "group";
            case "TRANSACTIONAL_ID" -> "transactionalId";
            case "CLUSTER" -> "cluster";
            default -> throw new IllegalArgumentException("unknown resource type " + type);
        };
    }

    /** Strimzi's operation names: READ → Read, IDEMPOTENT_WRITE → IdempotentWrite. */
    static String operation(String operation) {
        StringBuilder name = new StringBuilder();
        for (String part : operation.split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
