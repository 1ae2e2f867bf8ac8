package io.aegis.devstack.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aegis.kafka.crypto.Ed25519;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The devstack's generated secrets, kept in one owner-only file under {@code var/} so that
 * {@code up} after {@code down} reuses them: the network key (HASHED coordination values) and
 * each node's tokens and signing keys. Invariant: an existing secret is never regenerated;
 * only countries added since the last {@code up} get new ones.
 *
 * @param networkKey base64 HMAC-SHA256 key shared by the coordination centre
 * @param nodes      secrets per country
 */
public record StackSecrets(String networkKey, Map<String, NodeSecrets> nodes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StackSecrets {
        nodes = Map.copyOf(nodes);
    }

    public NodeSecrets node(String country) {
        NodeSecrets secrets = nodes.get(country);
        if (secrets == null) {
            throw new IllegalArgumentException("no secrets for node " + country + "; run ./aegis up first");
        }
        return secrets;
    }

    /** As {@link #loadOrCreate(Path, List, SecureRandom, DemoKeys)} with generated key pairs only. */
    public static StackSecrets loadOrCreate(Path file, List<String> countries, SecureRandom random) throws IOException {
        return loadOrCreate(file, countries, random, DemoKeys.none());
    }

    /**
     * Reads {@code file} if it exists, adds what {@code countries} lack (with the published demo
     * key pair where there is a valid one), and writes it back when changed.
     */
    public static StackSecrets loadOrCreate(Path file, List<String> countries, SecureRandom random, DemoKeys demoKeys)
            throws IOException {
        StackSecrets existing = Files.exists(file) ? read(file) : new StackSecrets(randomKey(random), Map.of());
        Map<String, NodeSecrets> nodes = new LinkedHashMap<>(existing.nodes());
        for (String country : countries) {
            nodes.computeIfAbsent(country, cc -> generate(cc, random, demoKeys));
        }
        StackSecrets result = new StackSecrets(existing.networkKey(), nodes);
        if (!Files.exists(file) || nodes.size() != existing.nodes().size()) {
            result.write(file);
        }
        return result;
    }

    /** Reads a secrets file written by {@link #write(Path)}. */
    public static StackSecrets read(Path file) throws IOException {
        Map<String, Object> raw = JSON.readValue(file.toFile(), new TypeReference<>() { });
        Map<String, NodeSecrets> nodes = new LinkedHashMap<>();
        Object rawNodes = raw.get("nodes");
        if (!(rawNodes instanceof Map<?, ?> map) || !(raw.get("networkKey") instanceof String key)) {
            throw new IOException(file + ": expected 'networkKey' and 'nodes'; delete the file to regenerate it");
        }
        map.forEach((country, value) -> nodes.put(String.valueOf(country), parseNode(file, String.valueOf(country), value)));
        return new StackSecrets(key, nodes);
    }

    /** Writes the secrets readable by the owner only. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Map<String, Object> nodesJson = new LinkedHashMap<>();
        nodes.forEach((country, secrets) -> {
            Map<String, String> tokens = new LinkedHashMap<>();
            for (DemoRole role : DemoRole.values()) {
                tokens.put(role.key(), secrets.token(role));
            }
            nodesJson.put(country, Map.of("tokens", tokens, "signingKey", secrets.signingKey(),
                    "publicKey", secrets.publicKey()));
        });
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), Map.of("networkKey", networkKey, "nodes", nodesJson));
        ownerOnly(temp);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static NodeSecrets parseNode(Path file, String country, Object value) {
        if (!(value instanceof Map<?, ?> node) || !(node.get("tokens") instanceof Map<?, ?> tokens)) {
            throw new IllegalArgumentException(file + ": nodes." + country + " must hold 'tokens', 'signingKey', 'publicKey'");
        }
        Map<DemoRole, String> parsed = new EnumMap<>(DemoRole.class);
        for (DemoRole role : DemoRole.values()) {
            Object token = tokens.get(role.key());
            if (token != null) {
                parsed.put(role, token.toString());
            }
        }
        return new NodeSecrets(country, parsed, String.valueOf(node.get("signingKey")),
                String.valueOf(node.get("publicKey")));
    }

    private static NodeSecrets generate(String country, SecureRandom random, DemoKeys demoKeys) {
        Map<DemoRole, String> tokens = new EnumMap<>(DemoRole.class);
        for (DemoRole role : DemoRole.values()) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            tokens.put(role, country.toLowerCase(Locale.ROOT) + "-" + role.key() + "-"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        DemoKeys.Pair pair = demoKeys.forCountry(country).orElseGet(() -> {
            KeyPair generated = Ed25519.generate();
            return new DemoKeys.Pair(Ed25519.encodePrivate(generated.getPrivate()),
                    Ed25519.encodePublic(generated.getPublic()));
        });
        return new NodeSecrets(country, tokens, pair.privateKey(), pair.publicKey());
    }

    private static String randomKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
    }
}
