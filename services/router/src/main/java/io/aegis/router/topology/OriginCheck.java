package io.aegis.router.topology;

import io.aegis.policy.Member;
import io.aegis.policy.Members;
import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.crypto.SignatureVerifier;
import io.aegis.kafka.crypto.VerificationResult;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.ThreatSignal;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The origin checks that run before any policy: the outbox topic's country is the record's origin,
 * the origin is a member, the key id is the member's, the record key is the signal id, and the
 * Ed25519 signature (and, for signals, the content hash) verify. Returns the first failure in words.
 */
final class OriginCheck {

    private final Members members;
    private final Map<String, PublicKey> keys = new HashMap<>();

    OriginCheck(Members members) {
        this.members = members;
    }

    Optional<String> check(String topic, String key, ThreatSignal signal) {
        return common(topic, key, signal.getId(), signal.getOriginCountry(), signal.getKeyId())
                .or(() -> failed(SignatureVerifier.verify(signal, publicKey(signal.getOriginCountry()))));
    }

    Optional<String> check(String topic, String key, Retraction retraction) {
        return common(topic, key, retraction.getSignalId(), retraction.getOriginCountry(), retraction.getKeyId())
                .or(() -> failed(SignatureVerifier.verify(retraction, publicKey(retraction.getOriginCountry()))));
    }

    private Optional<String> common(String topic, String key, String id, String origin, String keyId) {
        String topicCountry = TopicNames.countryOf(topic);
        if (!topicCountry.equals(origin)) {
            return Optional.of("forged origin: " + topic + " may only carry records of " + topicCountry + ", originCountry is " + origin);
        }
        Optional<Member> member = members.member(origin);
        if (member.isEmpty()) {
            return Optional.of("unknown origin: " + origin + " is not in the member list");
        }
        if (!member.get().keyId().equals(keyId)) {
            return Optional.of("unknown signing key: keyId '" + keyId + "' is not " + origin + "'s current key '" + member.get().keyId() + "'");
        }
        if (!id.equals(key)) {
            return Optional.of("record key '" + key + "' must equal the signal id '" + id + "'");
        }
        return Optional.empty();
    }

    private PublicKey publicKey(String country) {
        return keys.computeIfAbsent(country, c -> Ed25519.decodePublic(members.member(c).orElseThrow().publicKey()));
    }

    private static Optional<String> failed(VerificationResult result) {
        return result.valid() ? Optional.empty() : Optional.of("origin verification failed: " + result.reason());
    }
}
