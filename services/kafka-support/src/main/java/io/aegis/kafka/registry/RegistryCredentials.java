package io.aegis.kafka.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * HTTP Basic credentials for the schema registry, sent the way Confluent's clients send them with
 * {@code basic.auth.credentials.source=USER_INFO} and {@code basic.auth.user.info=user:password}.
 * Every service reads them from {@value #USERNAME_KEY} and {@value #PASSWORD_KEY}. The password
 * never appears in {@link #toString()}.
 *
 * @param username the registry user, non-blank, without ':'
 * @param password its password, non-blank
 */
public record RegistryCredentials(String username, String password) {

    /** Configuration key of the registry user name (every service). */
    public static final String USERNAME_KEY = "aegis.registry.username";
    /** Configuration key of the registry password (every service). */
    public static final String PASSWORD_KEY = "aegis.registry.password";

    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isBlank() || username.contains(":")) {
            throw new IllegalArgumentException(USERNAME_KEY + " must be non-blank and must not contain ':'");
        }
        if (password.isBlank()) {
            throw new IllegalArgumentException(PASSWORD_KEY + " must be non-blank");
        }
    }

    /**
     * Credentials from the two optional settings: none when both are unset or blank.
     *
     * @throws IllegalArgumentException naming the missing key when only one of them is set
     */
    public static Optional<RegistryCredentials> of(String username, String password) {
        boolean hasUser = username != null && !username.isBlank();
        boolean hasPassword = password != null && !password.isBlank();
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException((hasUser ? USERNAME_KEY : PASSWORD_KEY) + " is set but "
                    + (hasUser ? PASSWORD_KEY : USERNAME_KEY) + " is not: set both, or neither for a registry without"
                    + " authentication");
        }
        return hasUser ? Optional.of(new RegistryCredentials(username, password)) : Optional.empty();
    }

    /** {@code user:password}, Confluent's {@code basic.auth.user.info}. */
    /** The {@code Authorization} header value: HTTP Basic over {@link #userInfo()}, as Confluent clients send it. */
    public String authorizationHeader() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(userInfo().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String userInfo() {
        return username + ":" + password;
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***]";
    }
}
