package io.aegis.router.security;

import io.aegis.kafka.crypto.SecretHash;

import io.aegis.policy.CountryCodes;
import io.aegis.router.config.ApiUserConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The router API's users, known only by the SHA-256 of their passwords. Invariants: every user
 * acts either for one member country or for the coordination centre, never both and never
 * neither (a configuration that says otherwise is refused, naming the key); passwords are never
 * stored or logged; a check hashes the presented password and compares it in constant time, and
 * costs the same for an unknown user name, so timing tells nothing. No users: nobody gets in.
 */
public final class ApiUsers {

    /** Configuration prefix of the users, as error messages name it. */
    public static final String PREFIX = "aegis.router.api.users.";

    private record Entry(byte[] hash, ApiUser user) {
    }

    private final Map<String, Entry> users;

    private ApiUsers(Map<String, Entry> users) {
        this.users = users;
    }

    /** The users of the configuration, or an {@link IllegalArgumentException} naming every broken key. */
    public static ApiUsers of(List<ApiUserConfig> configs) {
        Map<String, Entry> users = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (ApiUserConfig config : configs) {
            entry(config, errors).ifPresent(e -> users.put(key(config.name()), e));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid router API users: " + String.join("; ", errors));
        }
        return new ApiUsers(Map.copyOf(users));
    }

    private static Optional<Entry> entry(ApiUserConfig config, List<String> errors) {
        String key = PREFIX + config.name();
        int before = errors.size();
        Optional<byte[]> hash = SecretHash.parse(config.passwordSha256() == null ? null : config.passwordSha256().trim());
        if (hash.isEmpty()) {
            errors.add(key + ".password-sha256 must be 64 hex characters (the SHA-256 of the password)");
        }
        boolean coordination = Boolean.TRUE.equals(config.coordination());
        String country = config.country() == null || config.country().isBlank() ? null : config.country().trim();
        if (coordination && country != null) {
            errors.add(key + " sets both .country and .coordination: a user acts for one member or for the coordination centre");
        } else if (!coordination && country == null) {
            errors.add(key + " needs .country (the member it acts for) or .coordination: true");
        } else if (country != null) {
            CountryCodes.check(country).ifPresent(rule -> errors.add(key + ".country " + rule + ", was " + config.country()));
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Entry(hash.get(), new ApiUser(config.name(), country)));
    }

    /** The user when the name is known and the password hashes to its configured hash. */
    public Optional<ApiUser> authenticate(String name, String password) {
        Entry entry = name == null ? null : users.get(key(name));
        return SecretHash.matches(entry == null ? null : entry.hash(), password) ? Optional.of(entry.user()) : Optional.empty();
    }

    /** The user of that name, as authenticated earlier. */
    public Optional<ApiUser> named(String name) {
        return Optional.ofNullable(users.get(key(name))).map(Entry::user);
    }

    public int size() {
        return users.size();
    }

    /**
     * User names match regardless of case: Micronaut reads the names from configuration keys, which
     * it normalizes to lower case ({@code users.node-FR} is bound as {@code node-fr}).
     */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
