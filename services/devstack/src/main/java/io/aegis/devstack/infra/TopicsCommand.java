package io.aegis.devstack.infra;

import io.aegis.kafka.topic.ProvisioningReport;
import io.aegis.kafka.topic.TopicPlan;
import io.aegis.kafka.topic.TopicProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code ./aegis topics}: creates (or with {@code --check} only checks) every topic of
 * {@code infra/topics.yaml} for the members of {@code infra/members.yaml} on any cluster, with
 * an admin client configured by {@code --command-config} (SASL/TLS properties). Used by the
 * compose stack's init job and by operators of a real cluster. Never alters an existing topic;
 * exits non-zero when a topic is missing or differs from the plan.
 */
public final class TopicsCommand {

    private final PrintStream out;

    public TopicsCommand(PrintStream out) {
        this.out = out;
    }

    /** Parses {@code --bootstrap HOST:PORT [--command-config FILE] [--infra DIR] [--check]}; returns true when healthy. */
    public boolean run(List<String> options, Path defaultInfra) throws IOException {
        Map<String, String> args = Options.parse(options, List.of("--bootstrap", "--command-config", "--infra"),
                List.of("--check"));
        String bootstrap = args.get("--bootstrap");
        if (bootstrap == null) {
            throw new IllegalArgumentException("--bootstrap HOST:PORT is required");
        }
        Path infra = args.containsKey("--infra") ? Path.of(args.get("--infra")) : defaultInfra;
        Properties props = new Properties();
        if (args.containsKey("--command-config")) {
            try (Reader reader = Files.newBufferedReader(Path.of(args.get("--command-config")))) {
                props.load(reader);
            }
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        TopicPlan plan = TopicPlan.load(infra.resolve("topics.yaml"));
        List<String> members = new ManifestFiles(infra).members();
        TopicProvisioner.Mode mode = args.containsKey("--check") ? TopicProvisioner.Mode.CHECK_ONLY
                : TopicProvisioner.Mode.CREATE_MISSING;
        try (Admin admin = Admin.create(props)) {
            ProvisioningReport report = new TopicProvisioner(admin, Duration.ofSeconds(60)).provision(plan, members, mode);
            out.println("members " + members + ": " + report.created().size() + " topics created, "
                    + report.matching().size() + " as planned");
            if (!report.healthy()) {
                out.println(report.describeProblems());
            }
            return report.healthy();
        }
    }
}
