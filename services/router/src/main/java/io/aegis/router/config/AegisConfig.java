package io.aegis.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Shared Aegis keys the router reads: {@code aegis.infra.dir}, {@code aegis.members-file},
 * {@code aegis.registry.*} and {@code aegis.network-key} (base64, at least 16 bytes).
 */
@ConfigurationProperties("aegis")
public record AegisConfig(
        @Bindable(defaultValue = "infra") @NotBlank String infraDir,
        @Bindable(defaultValue = "") String membersFile,
        @Bindable(defaultValue = "") String networkKey,
        Registry registry) {

    /**
     * {@code aegis.registry.*}.
     *
     * @param url          the registry's base URL
     * @param username     registry user for HTTP Basic authentication; null for none
     * @param password     its password; set together with the username
     * @param autoRegister whether the serdes register schemas on first use (true by default; false in a
     *                     deployment whose schemas an admin registered up front)
     */
    @ConfigurationProperties("registry")
    public record Registry(@Bindable(defaultValue = "http://localhost:8081") @NotBlank String url,
                           @Nullable String username,
                           @Nullable String password,
                           @Bindable(defaultValue = "true") boolean autoRegister) {

        @Override
        public String toString() {
            return "Registry[url=" + url + ", username=" + username + ", password=" + (password == null ? null : "***")
                    + ", autoRegister=" + autoRegister + "]";
        }
    }

    /** {@code aegis.registry.auto-register}: true unless set to false (and when no registry settings were bound). */
    public boolean autoRegisterSchemas() {
        return registry == null || registry.autoRegister();
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
