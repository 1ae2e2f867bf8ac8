package io.aegis.devstack.config;

import java.nio.file.Path;

/**
 * Where the devstack keeps what it writes, all under {@code var/}: broker data
 * ({@code kafka/}), service state ({@code state/}), generated configuration ({@code config/}),
 * classpath snapshots ({@code lib/}), logs ({@code log/}), pids ({@code run/}), the secrets
 * file and {@code devstack.json}.
 */
public record Layout(Path varDir) {

    public Path logDir() {
        return varDir.resolve("log");
    }

    public Path runDir() {
        return varDir.resolve("run");
    }

    public Path configDir() {
        return varDir.resolve("config");
    }

    /** The generated members file: each devstack member with the public key of the signing key it runs with. */
    public Path membersFile() {
        return configDir().resolve("members.yaml");
    }

    public Path libDir() {
        return varDir.resolve("lib");
    }

    public Path secretsFile() {
        return varDir.resolve("devstack").resolve("secrets.json");
    }

    public Path descriptor() {
        return varDir.resolve("devstack.json");
    }
}
