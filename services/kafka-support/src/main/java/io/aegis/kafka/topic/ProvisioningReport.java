package io.aegis.kafka.topic;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a provisioning run found and did.
 *
 * @param created    topics created by this run
 * @param matching   topics that already existed with the wanted shape
 * @param missing    topics absent and not created (check-only runs)
 * @param mismatches settings of existing topics that differ from the plan
 */
public record ProvisioningReport(List<String> created, List<String> matching, List<String> missing,
                                 List<Mismatch> mismatches) {

    /** One setting of an existing topic that differs from the plan. */
    public record Mismatch(String topic, String setting, String expected, String actual) {
        @Override
        public String toString() {
            return topic + ": " + setting + " is " + actual + ", expected " + expected;
        }
    }

    public ProvisioningReport {
        created = List.copyOf(created);
        matching = List.copyOf(matching);
        missing = List.copyOf(missing);
        mismatches = List.copyOf(mismatches);
    }

    /** True when every planned topic exists with the planned shape. */
    public boolean healthy() {
        return missing.isEmpty() && mismatches.isEmpty();
    }

    /**
     * @throws TopicConfigurationException listing every missing topic and every mismatch
     */
    public ProvisioningReport requireHealthy() {
        if (!healthy()) {
            throw new TopicConfigurationException(this);
        }
        return this;
    }

    /** One line per problem, for logs and exception messages. */
    public String describeProblems() {
        String missingText = missing.stream().map(topic -> topic + ": missing").collect(Collectors.joining("\n"));
        String mismatchText = mismatches.stream().map(Mismatch::toString).collect(Collectors.joining("\n"));
        return (missingText + "\n" + mismatchText).strip();
    }
}
