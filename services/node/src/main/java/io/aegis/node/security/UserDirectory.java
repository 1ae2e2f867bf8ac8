package io.aegis.node.security;

import io.aegis.kafka.crypto.SecretHash;

import io.aegis.node.config.UserConfig;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The node's users, known only by the SHA-256 of their bearer tokens. Invariants: tokens are
 * never stored or logged; a lookup hashes the presented token and compares it with every known
 * hash in constant time, without stopping at the first match, so timing reveals nothing.
 */
@Singleton
public final class UserDirectory {


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
        byte[] hash = SecretHash.parse(config.tokenSha256()).orElseThrow(() -> new IllegalArgumentException(
                "aegis.node.users." + config.name() + ".token-sha256 must be 64 hex characters (SHA-256 of the token)"));
        List<String> roles = config.roles() == null ? List.of() : config.roles();
        roles.stream().filter(r -> !Roles.ALL.contains(r)).findFirst().ifPresent(r -> {
            throw new IllegalArgumentException("aegis.node.users." + config.name() + ".roles has unknown role " + r
                    + "; allowed: " + Roles.ALL);
        });
        return new Entry(hash, new User(config.name(), List.copyOf(roles)));
    }

    public Optional<User> authenticate(String token) {
        User found = null;
        for (Entry entry : entries) {
            if (SecretHash.matches(entry.hash(), token)) {
                found = entry.user();
            }
        }
        return Optional.ofNullable(found);
    }

}
