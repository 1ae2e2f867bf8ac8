package io.aegis.kafka.topic;

import java.io.Reader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.TopicConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the topics YAML into a {@link TopicPlan}; every error names the source, the entry
 * (e.g. {@code topics[2].partitions}) and the rule it breaks.
 */
final class TopicPlanParser {

    private static final Set<String> ENTRY_KEYS = Set.of("name", "template", "partitions", "replicationFactor",
            "minInsyncReplicas", "retention", "cleanupPolicy", "config");
    private static final Set<String> CLEANUP_POLICIES = Set.of("delete", "compact", "compact,delete", "delete,compact");

    private final String source;

    private TopicPlanParser(String source) {
        this.source = source;
    }

    static TopicPlan parse(Reader yaml, String source) {
        TopicPlanParser parser = new TopicPlanParser(source);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        Map<String, Object> document = parser.map(root, "the document");
        Map<String, Object> defaults = document.containsKey("defaults")
                ? parser.map(document.get("defaults"), "defaults") : Map.of();
        List<TopicSpec> shared = parser.entries(document.get("topics"), "topics", "name", defaults);
        List<TopicSpec> perCountry = parser.entries(document.get("perCountry"), "perCountry", "template", defaults);
        return new TopicPlan(shared, perCountry);
    }

    private List<TopicSpec> entries(Object node, String path, String nameKey, Map<String, Object> defaults) {
        List<TopicSpec> specs = new ArrayList<>();
        if (node == null) {
            return specs;
        }
        if (!(node instanceof List<?> list)) {
            throw error(path, "must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            specs.add(entry(map(list.get(i), path + "[" + i + "]"), path + "[" + i + "]", nameKey, defaults));
        }
        return specs;
    }

    private TopicSpec entry(Map<String, Object> entry, String path, String nameKey, Map<String, Object> defaults) {
        for (String key : entry.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                throw error(path + "." + key, "is not a known setting (one of " + ENTRY_KEYS + ")");
            }
        }
        Object name = entry.get(nameKey);
        if (!(name instanceof String text) || text.isBlank()) {
            throw error(path + "." + nameKey, "is required");
        }
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        merged.putAll(entry);
        Map<String, String> configs = new LinkedHashMap<>();
        if (merged.get("config") != null) {
            map(merged.get("config"), path + ".config").forEach((k, v) -> configs.put(k, String.valueOf(v)));
        }
        if (merged.get("minInsyncReplicas") != null) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    Integer.toString(positive(merged.get("minInsyncReplicas"), path + ".minInsyncReplicas")));
        }
        if (merged.get("retention") != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, retentionMs(merged.get("retention"), path + ".retention"));
        }
        if (merged.get("cleanupPolicy") != null) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy(merged.get("cleanupPolicy"),
                    path + ".cleanupPolicy"));
        }
        int partitions = positive(required(merged, "partitions", path), path + ".partitions");
        int replication = positive(required(merged, "replicationFactor", path), path + ".replicationFactor");
        if (replication > Short.MAX_VALUE) {
            throw error(path + ".replicationFactor", "is too large");
        }
        return new TopicSpec(text, partitions, (short) replication, configs);
    }

    private Object required(Map<String, Object> merged, String key, String path) {
        Object value = merged.get(key);
        if (value == null) {
            throw error(path + "." + key, "is required (here or under defaults)");
        }
        return value;
    }

    private int positive(Object value, String path) {
        if (value instanceof Integer number && number > 0) {
            return number;
        }
        throw error(path, "must be a positive integer, got '" + value + "'");
    }

    private String retentionMs(Object value, String path) {
        if (value instanceof String text && text.equalsIgnoreCase("forever")) {
            return "-1";
        }
        if (value instanceof String text) {
            try {
                Duration duration = Duration.parse(text);
                if (!duration.isNegative() && !duration.isZero()) {
                    return Long.toString(duration.toMillis());
                }
            } catch (DateTimeParseException e) {
                throw error(path, "must be an ISO-8601 duration such as P30D or \"forever\", got '" + text + "'");
            }
        }
        throw error(path, "must be a positive ISO-8601 duration such as P30D or \"forever\", got '" + value + "'");
    }

    private String cleanupPolicy(Object value, String path) {
        String text = String.valueOf(value).replace(" ", "");
        if (!CLEANUP_POLICIES.contains(text)) {
            throw error(path, "must be delete, compact or \"compact,delete\", got '" + value + "'");
        }
        return text.equals("delete,compact") ? "compact,delete" : text;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object node, String path) {
        if (!(node instanceof Map<?, ?>)) {
            throw error(path, "must be a mapping");
        }
        return (Map<String, Object>) node;
    }

    private IllegalArgumentException error(String path, String rule) {
        return new IllegalArgumentException(source + ": " + path + " " + rule);
    }
}
