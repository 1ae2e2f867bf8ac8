package io.aegis.node.security;

import io.aegis.node.config.UserConfig;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The node's users, known only by the SHA-256 of their bearer tokens. Invariants: tokens are
 * never stored or logged; a lookup hashes the presented token and compares it with every known
 * hash in constant time, without stopping at the first match, so timing reveals nothing.
 */
@Singleton
public final class UserDirectory {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** An authenticated user. */
    public record User(String name, List<String> roles) {
    }

    private record Entry(byte[] hash, User user) {
    }

    private final List<Entry> entries;

    public UserDirectory(List<UserConfig> users) {
        this.entries = users.stream().map(UserDirectory::entry).toList();
    }

    private static Entry entry(UserConfig config) {
        String hash = config.tokenSha256() == null ? "" : config.tokenSha256().toLowerCase(java.util.Locale.ROOT);
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("aegis.node.users." + config.name()
                    + ".token-sha256 must be 64 hex characters (SHA-256 of the token)");
        }
        List<String> roles = config.roles() == null ? List.of() : config.roles();
        roles.stream().filter(r -> !Roles.ALL.contains(r)).findFirst().ifPresent(r -> {
            throw new IllegalArgumentException("aegis.node.users." + config.name() + ".roles has unknown role " + r
                    + "; allowed: " + Roles.ALL);
        });
        return new Entry(HexFormat.of().parseHex(hash), new User(config.name(), List.copyOf(roles)));
    }

    public Optional<User> authenticate(String token) {
        byte[] presented = sha256(token);
        User found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented)) {
                found = entry.user();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Lowercase hex SHA-256 of a token: what {@code token-sha256} holds. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
