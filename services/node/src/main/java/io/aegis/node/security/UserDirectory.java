package io.aegis.node.security;

import io.aegis.kafka.crypto.SecretHash;
import io.aegis.node.config.UserConfig;
import io.aegis.schema.users.UserChange;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The node's users: the configured ones ({@code aegis.node.users.*}, the bootstrap), overridden by
 * the changes its ADMINs made ({@code aegis.users.<CC>}, folded in by {@code UserChangeFeed}).
 * Invariants: tokens and passwords are never stored or logged, only their hashes, and no hash
 * leaves this class ({@link Summary} says only whether there is one); a token lookup compares
 * every known hash in constant time without stopping at the first match; a password check costs
 * one bcrypt check whether or not the user exists; a disabled user authenticates in no way; until
 * the audit log has been read up to its end ({@link #markLoaded()}) nobody authenticates, so a user
 * disabled before a restart is never let in by the configuration alone.
 */
@Singleton
public final class UserDirectory {

    /** An authenticated user. */
    public record User(String name, List<String> roles) {
    }

    /** What may be shown of a user: never a hash. */
    @io.micronaut.serde.annotation.Serdeable
    public record Summary(String name, List<String> roles, boolean enabled, boolean hasPassword, boolean hasToken) {
    }

    /** Prefix of the credential version of sessions the identity provider vouched for (see {@link #providerSignIn}). */
    static final String PROVIDER_SESSION = "oidc:";

    private final Map<String, Account> accounts = new ConcurrentSkipListMap<>();
    private final PasswordHashes hashes;
    private volatile boolean loaded;

    public UserDirectory(List<UserConfig> users, PasswordHashes hashes) {
        this.hashes = hashes;
        users.forEach(config -> accounts.put(config.name(), account(config)));
    }

    private static Account account(UserConfig config) {
        String key = "aegis.node.users." + config.name();
        byte[] token = null;
        if (config.tokenSha256() != null) {
            token = SecretHash.parse(config.tokenSha256()).orElseThrow(() -> new IllegalArgumentException(
                    key + ".token-sha256 must be 64 hex characters (SHA-256 of the token)"));
        }
        if (config.passwordHash() != null) {
            PasswordHashes.problem(config.passwordHash()).ifPresent(problem -> {
                throw new IllegalArgumentException(key + ".password-hash " + problem);
            });
        }
        if (token == null && config.passwordHash() == null) {
            throw new IllegalArgumentException(key + " needs token-sha256, password-hash or both");
        }
        List<String> roles = config.roles() == null ? List.of() : config.roles();
        unknownRole(roles).ifPresent(r -> {
            throw new IllegalArgumentException(key + ".roles has unknown role " + r + "; allowed: " + Roles.ALL);
        });
        return new Account(config.name(), roles, true, token, config.passwordHash());
    }

    /** The first role that is not one of {@link Roles#ALL}, if any. */
    public static Optional<String> unknownRole(List<String> roles) {
        return roles.stream().filter(r -> !Roles.ALL.contains(r)).findFirst();
    }

    /** The enabled user whose bearer token this is, if any. */
    public Optional<User> authenticate(String token) {
        User found = null;
        for (Account account : accounts.values()) {
            if (account.tokenHash() != null && SecretHash.matches(account.tokenHash(), token) && account.enabled()) {
                found = account.user();
            }
        }
        return loaded ? Optional.ofNullable(found) : Optional.empty();
    }

    /** The enabled user with this name and password, if any; the same cost whether or not the user exists. */
    public Optional<User> signIn(String name, String password) {
        Account account = name == null ? null : accounts.get(name);
        if (account == null || !account.hasPassword()) {
            hashes.checkAgainstNothing(password);
            return Optional.empty();
        }
        boolean matches = PasswordHashes.matches(account.passwordHash(), password);
        return matches && account.enabled() && loaded ? Optional.of(account.user()) : Optional.empty();
    }

    /** The version of the user's password a session records (see {@link Account#credentialVersion()}). */
    public String credentialVersion(String name) {
        Account account = accounts.get(name);
        return account == null ? "" : account.credentialVersion();
    }

    /**
     * The user a session of {@code name} issued at {@code credentialVersion} stands for now, with
     * the user's current roles: empty once the user was disabled or the password reset since.
     */
    public Optional<User> session(String name, String credentialVersion) {
        Account account = name == null ? null : accounts.get(name);
        if (!loaded || account == null || !account.enabled()) {
            return Optional.empty();
        }
        boolean matches = credentialVersion.startsWith(PROVIDER_SESSION)
                ? credentialVersion.equals(PROVIDER_SESSION + account.credentialVersion())
                : account.hasPassword() && account.credentialVersion().equals(credentialVersion);
        return matches ? Optional.of(account.user()) : Optional.empty();
    }

    /**
     * The enabled user named {@code name}, for a sign-in the agency's identity provider vouched for
     * (OIDC): the user need not have a password, and the roles are the directory's. Empty for an
     * unknown or disabled user, and until the audit log is loaded.
     */
    public Optional<User> providerSignIn(String name) {
        Account account = name == null ? null : accounts.get(name);
        return loaded && account != null && account.enabled() ? Optional.of(account.user()) : Optional.empty();
    }

    /**
     * The credential version a session from the identity provider records: marked as such (a password
     * session never starts with {@value #PROVIDER_SESSION}), and ended like a password session by a
     * password reset as well as by disabling the user.
     */
    public String providerCredentialVersion(String name) {
        return PROVIDER_SESSION + credentialVersion(name);
    }

    public Optional<Summary> find(String name) {
        return Optional.ofNullable(accounts.get(name)).map(UserDirectory::summary);
    }

    /** Every user, by name. */
    public List<Summary> list() {
        List<Summary> all = new ArrayList<>();
        accounts.values().forEach(a -> all.add(summary(a)));
        return all;
    }

    /** True when some user may sign in with a password (so sessions must be signed with a configured key). */
    public boolean hasPasswordUsers() {
        return accounts.values().stream().anyMatch(Account::hasPassword);
    }

    /**
     * Folds one change of the audit log in. An ADDED replaces what was known of the user (keeping a
     * configured token); the other actions change an existing user and are ignored for an unknown one.
     */
    public void apply(UserChange change) {
        accounts.compute(change.getUser(), (name, known) -> switch (change.getAction()) {
            case ADDED -> new Account(name, change.getRoles(), true, known == null ? null : known.tokenHash(),
                    change.getPasswordHash());
            case DISABLED -> known == null ? null : known.enabled(false);
            case ENABLED -> known == null ? null : known.enabled(true);
            case PASSWORD_RESET -> known == null ? null : known.withPassword(change.getPasswordHash());
            case OTHER -> known;
        });
    }

    /** Called once the audit log has been read to its end: from now on users authenticate. */
    public void markLoaded() {
        loaded = true;
    }

    public boolean isLoaded() {
        return loaded;
    }

    private static Summary summary(Account a) {
        return new Summary(a.name(), a.roles(), a.enabled(), a.hasPassword(), a.tokenHash() != null);
    }
}
