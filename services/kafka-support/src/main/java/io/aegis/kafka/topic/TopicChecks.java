package io.aegis.kafka.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/** Compares existing topics with their specs, setting by setting. */
final class TopicChecks {

    /** What the cluster says about one topic. */
    record Actual(TopicDescription description, Config config) {
    }

    private TopicChecks() {
    }

    static boolean hasLeaders(Actual actual) {
        return actual.description().partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    static List<ProvisioningReport.Mismatch> compare(List<TopicSpec> specs, Map<String, Actual> actual) {
        List<ProvisioningReport.Mismatch> mismatches = new ArrayList<>();
        for (TopicSpec spec : specs) {
            Actual found = actual.get(spec.name());
            int partitions = found.description().partitions().size();
            if (partitions != spec.partitions()) {
                mismatches.add(new ProvisioningReport.Mismatch(spec.name(), "partitions",
                        Integer.toString(spec.partitions()), Integer.toString(partitions)));
            }
            int replicas = found.description().partitions().get(0).replicas().size();
            if (replicas != spec.replicationFactor()) {
                mismatches.add(new ProvisioningReport.Mismatch(spec.name(), "replicationFactor",
                        Short.toString(spec.replicationFactor()), Integer.toString(replicas)));
            }
            spec.configs().forEach((key, wanted) -> {
                ConfigEntry entry = found.config() == null ? null : found.config().get(key);
                String value = entry == null ? null : entry.value();
                if (!sameValue(key, wanted, value)) {
                    mismatches.add(new ProvisioningReport.Mismatch(spec.name(), key, wanted, String.valueOf(value)));
                }
            });
        }
        return mismatches;
    }

    private static boolean sameValue(String key, String wanted, String actual) {
        if (actual == null) {
            return false;
        }
        if (key.equals(TopicConfig.CLEANUP_POLICY_CONFIG)) {
            return policies(wanted).equals(policies(actual));
        }
        return wanted.trim().equals(actual.trim());
    }

    private static TreeSet<String> policies(String value) {
        TreeSet<String> set = new TreeSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(set::add);
        return set;
    }
}
