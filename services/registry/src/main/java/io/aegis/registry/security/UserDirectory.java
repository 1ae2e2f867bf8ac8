package io.aegis.registry.security;

import io.aegis.kafka.crypto.SecretHash;

import io.aegis.registry.config.RegistryUserConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's users, known only by the SHA-256 of their passwords (passwords are generated,
 * high-entropy secrets, so an unsalted hash is enough). Invariants: there is at least one user
 * (no built-in users: an empty directory refuses to exist); every entry is valid, and a bad one
 * is refused with a message naming its configuration key; passwords are never stored or logged;
 * a check always hashes and compares in constant time, for unknown user names too.
 */
public final class UserDirectory {

    /** Where the users are configured. */
    public static final String USERS_KEY = "aegis.registry.auth.users";


    private record Entry(RegistryUser user, byte[] passwordHash) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException naming {@value #USERS_KEY} when no user is configured, or the
     *                                  key of the first invalid setting
     */
    public UserDirectory(List<RegistryUserConfig> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException(USERS_KEY + ": no user is configured, and the registry has no built-in"
                    + " users; configure at least one, e.g. " + USERS_KEY + ".admin.password-sha256 (lowercase hex"
                    + " SHA-256 of a generated password) and " + USERS_KEY + ".admin.admin: true");
        }
        for (RegistryUserConfig user : users) {
            entries.put(key(user.name()), entry(user));
        }
    }

    private static Entry entry(RegistryUserConfig config) {
        String key = USERS_KEY + "." + config.name();
        if (config.name().isBlank() || config.name().contains(":")) {
            throw new IllegalArgumentException(key + ": a user name must be non-blank and must not contain ':'"
                    + " (HTTP Basic credentials are user:password)");
        }
        String hash = config.passwordSha256() == null ? "" : config.passwordSha256().trim();
        byte[] passwordHash = SecretHash.parse(hash).orElseThrow(() -> new IllegalArgumentException(key
                + ".password-sha256 must be 64 hex characters (the SHA-256 of the password), got "
                + (hash.isEmpty() ? "nothing" : hash.length() + " characters"
                + (hash.length() == 64 ? " that are not all hex" : ""))));
        List<String> prefixes = config.writeSubjects() == null ? List.of() : config.writeSubjects();
        if (prefixes.stream().anyMatch(prefix -> prefix == null || prefix.isBlank())) {
            throw new IllegalArgumentException(key + ".write-subjects must list non-blank subject prefixes, got "
                    + prefixes + "; a blank prefix would grant every subject (use admin: true for that)");
        }
        return new Entry(new RegistryUser(config.name(), config.admin(), prefixes), passwordHash);
    }

    /** The user whose name and password these are, if any. */
    public Optional<RegistryUser> authenticate(String name, String password) {
        Entry entry = name == null ? null : entries.get(key(name));
        return SecretHash.matches(entry == null ? null : entry.passwordHash(), password)
                ? Optional.of(entry.user()) : Optional.empty();
    }

    /** A configured user by name (for a request already authenticated). */
    public Optional<RegistryUser> user(String name) {
        return Optional.ofNullable(entries.get(key(name))).map(Entry::user);
    }

    /**
     * User names match regardless of case: Micronaut reads the names from configuration keys, which
     * it normalizes to lower case ({@code users.node-FR} is bound as {@code node-fr}).
     */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
