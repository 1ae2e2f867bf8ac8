package io.aegis.policy;

import java.util.Objects;

/**
 * One member of the network as listed in {@code members.yaml}.
 *
 * @param code      ISO 3166-1 alpha-2 country code
 * @param name      display name
 * @param region    region label, informational
 * @param keyId     id of the member's current signing key
 * @param publicKey base64 X.509 (SubjectPublicKeyInfo) encoding of the member's Ed25519 public key
 */
public record Member(String code, String name, String region, String keyId, String publicKey) {

    public Member {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(publicKey, "publicKey");
        keyId = keyId == null || keyId.isBlank() ? "default" : keyId;
    }
}
