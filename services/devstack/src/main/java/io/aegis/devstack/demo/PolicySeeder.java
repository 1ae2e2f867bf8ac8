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
        out.println("  " + admin.country() + ": policy from " + source + " applied, version " + put.body().get("version"));
    }
}
