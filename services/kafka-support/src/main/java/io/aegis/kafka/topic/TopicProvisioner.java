package io.aegis.kafka.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics and checks existing ones against a {@link TopicPlan} at start-up,
 * through the Kafka AdminClient. Replication is capped at the cluster's broker count (see
 * {@link TopicSpec#forCluster}). Never alters an existing topic: differences in partitions,
 * replication or planned configuration are reported, each naming topic, setting, wanted and
 * actual value. Safe to run from several services at once (a concurrent creation counts as
 * existing and is then checked).
 */
public final class TopicProvisioner {

    /** Whether absent topics are created or only reported. */
    public enum Mode { CREATE_MISSING, CHECK_ONLY }

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Start-up use: creates what is missing and fails unless every topic then matches the plan.
     *
     * @throws TopicConfigurationException listing every difference
     */
    public ProvisioningReport ensure(TopicPlan plan, Collection<String> countries) {
        return provision(plan, countries, Mode.CREATE_MISSING).requireHealthy();
    }

    /** Provisions every topic of the plan for these member countries. */
    public ProvisioningReport provision(TopicPlan plan, Collection<String> countries, Mode mode) {
        return provision(plan.topicsFor(countries), mode);
    }

    /** Provisions the given topics, capped to the cluster's size. */
    public ProvisioningReport provision(List<TopicSpec> specs, Mode mode) {
        int brokers = await(admin.describeCluster().nodes(), "describe the cluster").size();
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        List<TopicSpec> wanted = specs.stream().map(spec -> spec.forCluster(brokers)).toList();
        List<String> created = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<TopicSpec> toCheck = new ArrayList<>();
        for (TopicSpec spec : wanted) {
            if (existing.contains(spec.name())) {
                toCheck.add(spec);
            } else if (mode == Mode.CHECK_ONLY) {
                missing.add(spec.name());
            } else if (create(spec)) {
                created.add(spec.name());
            } else {
                toCheck.add(spec);
            }
        }
        awaitLeaders(created);
        List<ProvisioningReport.Mismatch> mismatches = TopicChecks.compare(toCheck,
                describe(toCheck.stream().map(TopicSpec::name).toList()));
        Set<String> mismatched = new HashSet<>();
        mismatches.forEach(m -> mismatched.add(m.topic()));
        List<String> matching = toCheck.stream().map(TopicSpec::name).filter(n -> !mismatched.contains(n)).toList();
        ProvisioningReport report = new ProvisioningReport(created, matching, missing, mismatches);
        log(report, brokers);
        return report;
    }

    private boolean create(TopicSpec spec) {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs());
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw failure("create topic " + spec.name(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interruptedOrTimedOut("create topic " + spec.name(), e);
        }
    }

    /**
     * Describes topics, waiting (within the timeout) for topics whose metadata has not reached
     * the broker yet, as happens right after their creation.
     */
    private Map<String, TopicChecks.Actual> describe(List<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return describeOnce(names);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(names);
            }
        }
    }

    private Map<String, TopicChecks.Actual> describeOnce(List<String> names) {
        Map<String, TopicDescription> descriptions =
                await(admin.describeTopics(names).allTopicNames(), "describe topics " + names);
        List<ConfigResource> resources =
                names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), "describe topic configs");
        Map<String, TopicChecks.Actual> actual = new HashMap<>();
        for (String name : names) {
            actual.put(name, new TopicChecks.Actual(descriptions.get(name),
                    configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))));
        }
        return actual;
    }

    private void awaitLeaders(List<String> created) {
        if (created.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!describe(created).values().stream().allMatch(TopicChecks::hasLeaders)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic provisioning: created topics " + created
                        + " have no leader for every partition within " + timeout);
            }
            pause(created);
        }
    }

    private void pause(List<String> names) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("topic provisioning: interrupted while waiting for topics " + names, e);
        }
    }

    private <T> T await(KafkaFuture<T> future, String operation) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(operation, e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interruptedOrTimedOut(operation, e);
        }
    }

    private IllegalStateException failure(String operation, Throwable cause) {
        return new IllegalStateException("topic provisioning: cannot " + operation + ": " + cause.getMessage(), cause);
    }

    private IllegalStateException interruptedOrTimedOut(String operation, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("topic provisioning: interrupted while trying to " + operation, e);
        }
        return new IllegalStateException("topic provisioning: cannot " + operation + " within " + timeout, e);
    }

    private static void log(ProvisioningReport report, int brokers) {
        LOG.info("topic provisioning on {} broker(s): {} created, {} matching, {} missing, {} mismatches",
                brokers, report.created().size(), report.matching().size(), report.missing().size(),
                report.mismatches().size());
        if (!report.healthy()) {
            LOG.warn("topics differ from the plan:\n{}", report.describeProblems());
        }
    }
}
