package io.aegis.replay.verify;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.replay.ReplayException;
import io.aegis.policy.Member;
import io.aegis.policy.Members;
import io.aegis.policy.MembersYaml;
import io.aegis.policy.PolicyValidationException;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
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
        return of(members(file));
    }

    /** The member list of {@code aegis.members-file}, read with the network's one policy library. */
    public static Members members(Path file) {
        try {
            return MembersYaml.load(file);
        } catch (PolicyValidationException e) {
            throw ReplayException.usage("aegis.members-file: " + file + ": " + e.getMessage());
        }
    }

    /** Every member's current key, decoded now so that a bad key fails with the member named. */
    public static MemberKeys of(Members members) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (String code : members.codes()) {
            Member member = members.member(code).orElseThrow();
            try {
                keys.put(id(code, member.keyId()), Ed25519.decodePublic(member.publicKey()));
            } catch (IllegalArgumentException e) {
                throw ReplayException.usage("aegis.members-file: member " + code + ".publicKey: " + e.getMessage());
            }
        }
        return new MemberKeys(keys);
    }
}
