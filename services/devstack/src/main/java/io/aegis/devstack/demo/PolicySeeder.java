package io.aegis.devstack.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Gives each demo node its example sharing policy the first time the network runs: the one in
 * {@code infra/policies/<CC>.yaml}, else {@link DemoPolicies}. Invariant: a country that
 * already has a policy keeps it (a policy administrator may have changed it since), so
 * {@code up} never overwrites one.
 */
public final class PolicySeeder {

    private static final java.time.Duration ANSWER_TIMEOUT = java.time.Duration.ofSeconds(60);

    private final Path policyDir;
    private final List<String> countries;
    private final PrintStream out;

    public PolicySeeder(Path policyDir, List<String> countries, PrintStream out) {
        this.policyDir = policyDir;
        this.countries = List.copyOf(countries);
        this.out = out;
    }

    /**
     * Puts the example policy through {@code admin} unless {@code existing} (the countries with a
     * policy on {@code aegis.policies}) already holds the node's country.
     */
    public void seed(NodeClient admin, Set<String> existing) throws IOException, InterruptedException {
        Path file = policyDir.resolve(admin.country() + ".yaml");
        boolean fromInfra = Files.exists(file);
        if (existing.contains(admin.country())) {
            out.println("  " + admin.country() + ": keeps its current policy");
            return;
        }
        String source = fromInfra ? file.toString() : "the devstack's default policy";
        String yaml = fromInfra ? Files.readString(file) : DemoPolicies.yaml(admin.country(), countries);
        NodeClient.Reply put = admin.put("/api/v1/policy", "application/yaml", yaml);
        if (!put.ok()) {
            throw new IOException("PUT /api/v1/policy on " + admin.country() + " with " + source + " answered "
                    + put.status() + " " + put.body());
        }
        out.println("  " + admin.country() + ": policy from " + source + " in force, version " + awaitAnswer(admin, source));
    }

    /**
     * The version the router assigned: a node submits a policy on its outbox and the router answers
     * on its inbox, so the seeder waits for that answer (the demo must not start before policies apply).
     */
    private static Object awaitAnswer(NodeClient admin, String source) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            NodeClient.Reply answer = admin.get("/api/v1/policy/submission");
            if (answer.ok() && Boolean.FALSE.equals(answer.body().get("accepted"))) {
                throw new IOException("the router refused the policy of " + admin.country() + " from " + source + ": "
                        + answer.body().get("violations"));
            }
            if (answer.ok()) {
                return answer.body().get("version");
            }
            Thread.sleep(250);
        }
        throw new IOException("the router did not answer the policy of " + admin.country() + " within " + ANSWER_TIMEOUT.toSeconds()
                + " s (is the router running?)");
    }
}
