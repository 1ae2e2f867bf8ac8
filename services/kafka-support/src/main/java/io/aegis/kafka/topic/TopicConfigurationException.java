package io.aegis.kafka.topic;

/** Topics on the cluster do not match {@code topics.yaml}; the message lists every difference. */
public class TopicConfigurationException extends RuntimeException {

    private final transient ProvisioningReport report;

    public TopicConfigurationException(ProvisioningReport report) {
        super("Kafka topics do not match the topic plan:\n" + report.describeProblems());
        this.report = report;
    }

    public ProvisioningReport report() {
        return report;
    }
}
