package io.aegis.devstack;

import io.aegis.devstack.security.StackLogins;

import io.aegis.devstack.config.StackSettings;
import io.aegis.kafka.topic.ProvisioningReport;
import io.aegis.kafka.topic.TopicPlan;
import io.aegis.kafka.topic.TopicProvisioner;
import java.io.PrintStream;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/**
 * Creates the network's topics from {@code infra/topics.yaml} for the devstack's member
 * countries, through kafka-support's provisioner (replication capped at the one broker).
 * Existing topics are never altered: a difference from the plan is printed as a warning, since
 * the devstack's data outlives edits to the plan.
 */
final class TopicSetup {

    private final StackSettings settings;
    private final StackLogins logins;
    private final PrintStream out;

    TopicSetup(StackSettings settings, StackLogins logins, PrintStream out) {
        this.settings = settings;
        this.logins = logins;
        this.out = out;
    }

    void provision() {
        TopicPlan plan = TopicPlan.load(settings.infraDir().resolve("topics.yaml"));
        try (Admin admin = Admin.create(logins.admin())) {
            ProvisioningReport report = new TopicProvisioner(admin, Duration.ofSeconds(30))
                    .provision(plan, settings.countries(), TopicProvisioner.Mode.CREATE_MISSING);
            out.println("Topics: " + report.created().size() + " created, " + report.matching().size()
                    + " already there");
            if (!report.healthy()) {
                out.println("  warning: existing topics differ from infra/topics.yaml (left unchanged):");
                report.describeProblems().lines().forEach(line -> out.println("    " + line));
            }
        }
    }
}
