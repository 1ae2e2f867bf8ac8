package io.aegis.node.security;

import io.aegis.kafka.crypto.SecretHash;

import java.util.List;

/**
 * What the node holds about one user: roles, whether enabled, and the hashes of its credentials.
 * Never leaves the security package with its hashes: the API sees {@link UserDirectory.Summary}.
 *
 * @param name         the user name
 * @param roles        the user's roles
 * @param enabled      false once an ADMIN disabled the user: no token, password or session works
 * @param tokenHash    SHA-256 of the bearer token, or null
 * @param passwordHash bcrypt hash of the password, or null
 */
record Account(String name, List<String> roles, boolean enabled, byte[] tokenHash, String passwordHash) {

    Account {
        roles = List.copyOf(roles);
    }

    boolean hasPassword() {
        return passwordHash != null;
    }

    Account enabled(boolean value) {
        return new Account(name, roles, value, tokenHash, passwordHash);
    }

    Account withPassword(String hash) {
        return new Account(name, roles, enabled, tokenHash, hash);
    }

    /**
     * A short fingerprint of the current password hash (a new salt on every reset changes it),
     * written into sessions: a session issued before a reset no longer matches. Not the hash, and
     * of no use to check a password guess.
     */
    String credentialVersion() {
        if (passwordHash == null) {
            return "";
        }
        return SecretHash.hex("aegis-session:" + passwordHash).substring(0, 16);
    }

    UserDirectory.User user() {
        return new UserDirectory.User(name, roles);
    }

    @Override
    public String toString() {
        return "Account[name=" + name + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
