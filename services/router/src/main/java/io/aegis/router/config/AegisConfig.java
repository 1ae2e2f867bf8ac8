package io.aegis.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Shared Aegis keys the router reads: {@code aegis.infra.dir}, {@code aegis.members-file},
 * {@code aegis.registry.url} and {@code aegis.network-key} (base64, at least 16 bytes).
 */
@ConfigurationProperties("aegis")
public record AegisConfig(
        @Bindable(defaultValue = "infra") @NotBlank String infraDir,
        @Bindable(defaultValue = "") String membersFile,
        @Bindable(defaultValue = "") String networkKey,
        Registry registry) {

    /** {@code aegis.registry.*}. */
    @ConfigurationProperties("registry")
    public record Registry(@Bindable(defaultValue = "http://localhost:8081") @NotBlank String url) {
    }

    public Path membersPath() {
        return membersFile == null || membersFile.isBlank() ? Path.of(infraDir, "members.yaml") : Path.of(membersFile);
    }

    public Path policiesDir() {
        return Path.of(infraDir, "policies");
    }

    /** The decoded network key; a clear error names the key when it is not valid base64 or too short. */
    public byte[] networkKeyBytes() {
        if (networkKey == null || networkKey.isBlank()) {
            throw new IllegalArgumentException("aegis.network-key is not set (AEGIS_NETWORK_KEY): the router has no built-in key;"
                    + " set base64 of at least 32 random bytes, the same on every router instance, e.g. `head -c32 /dev/urandom | base64`");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(networkKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("aegis.network-key must be base64: " + e.getMessage(), e);
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("aegis.network-key must decode to at least 16 bytes, got " + key.length);
        }
        return key;
    }
}
