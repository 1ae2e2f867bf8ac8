package io.aegis.devstack.drill;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Waits until a restarted broker has caught up: every partition of every topic (internal ones too)
 * has its whole replica set in sync. Registration in the cluster alone does not say that the
 * broker holds the data again; a second broker failure before this point could lose acknowledged
 * writes, so the drill waits for it before its next fault.
 */
final class ReplicaSync {

    private final Map<String, Object> admin;
    private final PrintStream out;

    ReplicaSync(Map<String, Object> admin, PrintStream out) {
        this.admin = admin;
        this.out = out;
    }

    /** Waits up to {@code timeout}; prints how long it took, or how many partitions were still behind. */
    void await(Duration timeout) throws InterruptedException {
        Properties props = new Properties();
        props.putAll(admin);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        Instant from = Instant.now();
        Instant deadline = from.plus(timeout);
        long behind = -1;
        try (Admin client = Admin.create(props)) {
            while (Instant.now().isBefore(deadline)) {
                behind = underReplicated(client);
                if (behind == 0) {
                    out.printf(Locale.ROOT, "  every partition fully in sync after %.1f s%n",
                            Duration.between(from, Instant.now()).toMillis() / 1000.0);
                    return;
                }
                Thread.sleep(1000);
            }
        }
        out.println("  " + (behind < 0 ? "the cluster did not answer" : behind + " partition(s) still under-replicated")
                + " after " + timeout.toSeconds() + " s; the drill goes on");
    }

    private static long underReplicated(Admin client) throws InterruptedException {
        try {
            var names = client.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = client.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            return topics.values().stream().flatMap(t -> t.partitions().stream())
                    .filter(p -> p.isr().size() < p.replicas().size()).count();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return -1;
        }
    }
}
