package io.aegis.devstack.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one demo node is given at first {@code up} and keeps afterwards: a bearer token per demo
 * role and its Ed25519 signing key pair. The node itself only receives the token hashes.
 *
 * @param country    the node's country
 * @param tokens     bearer token per demo role, all four present
 * @param signingKey base64 PKCS#8 Ed25519 private key
 * @param publicKey  base64 X.509 Ed25519 public key, as listed in the members file
 */
public record NodeSecrets(String country, Map<DemoRole, String> tokens, String signingKey, String publicKey) {

    public NodeSecrets {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(publicKey, "publicKey");
        tokens = Map.copyOf(new EnumMap<>(tokens));
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

    /** Lowercase hex SHA-256 of a token: what a node's {@code token-sha256} holds. */
    public static String sha256Hex(String token) {
        return io.aegis.kafka.crypto.SecretHash.hex(token);
    }
}
