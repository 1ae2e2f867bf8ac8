package io.aegis.replay.verify;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.replay.ReplayException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Origin public keys by country and key id, read from {@code members.yaml}
 * ({@code members: [{code, keyId, publicKey, ...}]}, the file the router uses). Every key is
 * decoded on load, so a bad key fails with the member and field named.
 */
public final class MemberKeys {

    private final Map<String, PublicKey> keys;

    public MemberKeys(Map<String, PublicKey> keysByCountryAndId) {
        this.keys = Map.copyOf(keysByCountryAndId);
    }

    /** Lookup key for a country's key id. */
    public static String id(String country, String keyId) {
        return country + "/" + (keyId == null || keyId.isBlank() ? "default" : keyId);
    }

    public Optional<PublicKey> key(String country, String keyId) {
        return Optional.ofNullable(keys.get(id(country, keyId)));
    }

    public static MemberKeys load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw ReplayException.usage("aegis.members-file: cannot read " + file + " (" + e.getMessage() + ")");
        }
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        if (!(root instanceof Map<?, ?> doc) || !(doc.get("members") instanceof List<?> members)) {
            throw ReplayException.usage("aegis.members-file: " + file + " must be a mapping with a 'members' list");
        }
        Map<String, PublicKey> keys = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            if (!(members.get(i) instanceof Map<?, ?> member) || member.get("code") == null
                    || member.get("publicKey") == null) {
                throw ReplayException.usage("aegis.members-file: members[" + i + "] needs 'code' and 'publicKey'");
            }
            Object keyId = member.get("keyId");
            try {
                keys.put(id(member.get("code").toString(), keyId == null ? null : keyId.toString()),
                        Ed25519.decodePublic(member.get("publicKey").toString()));
            } catch (IllegalArgumentException e) {
                throw ReplayException.usage("aegis.members-file: members[" + i + "].publicKey: " + e.getMessage());
            }
        }
        return new MemberKeys(keys);
    }
}
