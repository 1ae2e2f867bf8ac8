package io.aegis.devstack.domain;

import io.aegis.kafka.crypto.Ed25519;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The demo members' published signing keys: private keys in {@code infra/demo/keys/<CC>.key},
 * public keys in {@code infra/members.yaml}. Using them makes the devstack's signatures verify
 * against the repository's members file too (replay, audits). Invariant: a pair is only used
 * when the private key signs what the listed public key verifies; otherwise the devstack
 * generates its own pair for that country.
 */
public final class DemoKeys {

    /** A usable key pair, base64 PKCS#8 private and X.509 public. */
    public record Pair(String privateKey, String publicKey) {
    }

    private final Path keyDir;
    private final Map<String, String> publicKeys;

    /** {@code publicKeys}: member code to base64 public key, as listed in the members file. */
    public DemoKeys(Path keyDir, Map<String, String> publicKeys) {
        this.keyDir = keyDir;
        this.publicKeys = Map.copyOf(publicKeys);
    }

    /** No demo keys: every country gets a generated pair. */
    public static DemoKeys none() {
        return new DemoKeys(Path.of("/nonexistent"), Map.of());
    }

    /** The published pair of {@code country}, if both halves exist and belong together. */
    public Optional<Pair> forCountry(String country) {
        Path file = keyDir.resolve(country + ".key");
        String publicKey = publicKeys.get(country);
        if (publicKey == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String privateKey = Files.readString(file, StandardCharsets.UTF_8).trim();
            byte[] probe = ("aegis devstack key check " + country).getBytes(StandardCharsets.UTF_8);
            byte[] signature = Ed25519.sign(Ed25519.decodePrivate(privateKey), probe);
            return Ed25519.verify(Ed25519.decodePublic(publicKey), probe, signature)
                    ? Optional.of(new Pair(privateKey, publicKey)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
