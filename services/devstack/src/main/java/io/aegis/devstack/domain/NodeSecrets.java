package io.aegis.devstack.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one demo node is given at first {@code up} and keeps afterwards: a bearer token and a
 * sign-in password per demo role, the key its sign-in sessions are signed with, and its Ed25519
 * signing key pair. The node itself only receives the token and password hashes (and the session key).
 * A secrets file written before passwords existed has none: {@link #complete} adds them once.
 *
 * @param country    the node's country
 * @param tokens     bearer token per demo role, all four present
 * @param passwords  sign-in password per demo role (all four once {@link #complete}d)
 * @param sessionKey base64 of 32 random bytes: the node's {@code aegis.node.session-key} (null until completed)
 * @param signingKey base64 PKCS#8 Ed25519 private key
 * @param publicKey  base64 X.509 Ed25519 public key, as listed in the members file
 */
public record NodeSecrets(String country, Map<DemoRole, String> tokens, Map<DemoRole, String> passwords,
                          String sessionKey, String signingKey, String publicKey) {

    public NodeSecrets {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(publicKey, "publicKey");
        tokens = Map.copyOf(new EnumMap<>(tokens));
        passwords = passwords.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(passwords));
        for (DemoRole role : DemoRole.values()) {
            String token = tokens.get(role);
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("node " + country + ": token for role " + role.key() + " is missing");
            }
        }
    }

    public String token(DemoRole role) {
        return tokens.get(role);
    }

    /** The sign-in password of the demo user of {@code role}. */
    public String password(DemoRole role) {
        String password = passwords.get(role);
        if (password == null) {
            throw new IllegalStateException("node " + country + ": no password for role " + role.key() + "; run ./aegis up");
        }
        return password;
    }

    /** These secrets with a password for every role and a session key, generating only what is missing. */
    public NodeSecrets complete(SecureRandom random) {
        Map<DemoRole, String> all = new EnumMap<>(DemoRole.class);
        all.putAll(passwords);
        for (DemoRole role : DemoRole.values()) {
            all.computeIfAbsent(role, r -> randomText(random, 18));
        }
        String key = sessionKey;
        if (key == null || key.isBlank()) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            key = Base64.getEncoder().encodeToString(bytes);
        }
        return new NodeSecrets(country, tokens, all, key, signingKey, publicKey);
    }

    private static String randomText(SecureRandom random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Lowercase hex SHA-256 of a token: what a node's {@code token-sha256} holds. */
    public static String sha256Hex(String token) {
        return io.aegis.kafka.crypto.SecretHash.hex(token);
    }

    /** A bcrypt hash (cost 12, fresh salt) of a password: what a node's {@code password-hash} holds. */
    public static String bcrypt(String password, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, 12);
    }

    @Override
    public String toString() {
        return "NodeSecrets[country=" + country + ", <secrets>]";
    }
}
