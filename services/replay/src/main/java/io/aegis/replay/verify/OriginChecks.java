package io.aegis.replay.verify;

import io.aegis.kafka.crypto.CanonicalHash;
import io.aegis.kafka.crypto.SignatureVerifier;
import io.aegis.kafka.crypto.VerificationResult;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.domain.Recorded;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.ThreatSignal;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Origin authenticity of what sits on the outboxes: the origin named in a record must be the
 * outbox's country, a signal's content must hash to its stated content hash, and every signature
 * must verify with the origin's key from the members file. Without a members file the content
 * hashes are still checked and the signatures are reported as unchecked.
 */
final class OriginChecks {

    private OriginChecks() {
    }

    static int signals(List<Recorded<ThreatSignal>> signals, Optional<MemberKeys> keys, List<Violation> out,
                       Set<String> unchecked) {
        for (Recorded<ThreatSignal> recorded : signals) {
            ThreatSignal signal = recorded.value();
            checkOrigin(recorded, signal.getOriginCountry(), out);
            String computed = CanonicalHash.contentHash(signal.getContent());
            if (!computed.equals(signal.getContentHash())) {
                out.add(new Violation("content-hash", recorded.source(), "signal " + signal.getId() + " contentHash '"
                        + signal.getContentHash() + "' but its content hashes to '" + computed + "'"));
                continue;
            }
            keyFor(recorded, signal.getOriginCountry(), signal.getKeyId(), keys, out, unchecked)
                    .ifPresent(key -> report(recorded, SignatureVerifier.verify(signal, key), out));
        }
        return signals.size();
    }

    static int retractions(List<Recorded<Retraction>> retractions, Optional<MemberKeys> keys, List<Violation> out,
                           Set<String> unchecked) {
        for (Recorded<Retraction> recorded : retractions) {
            Retraction retraction = recorded.value();
            checkOrigin(recorded, retraction.getOriginCountry(), out);
            keyFor(recorded, retraction.getOriginCountry(), retraction.getKeyId(), keys, out, unchecked)
                    .ifPresent(key -> report(recorded, SignatureVerifier.verify(retraction, key), out));
        }
        return retractions.size();
    }

    private static void checkOrigin(Recorded<?> recorded, String origin, List<Violation> out) {
        String topicCountry = TopicNames.countryOf(
                recorded.topic().substring(recorded.topic().lastIndexOf(TopicNames.OUTBOX_PREFIX)));
        if (!topicCountry.equals(origin)) {
            out.add(new Violation("origin", recorded.source(), "originCountry '" + origin + "' on the outbox of "
                    + topicCountry + ": only " + topicCountry + " may publish there"));
        }
    }

    /**
     * The origin key for a record. Without a members file the signature is unchecked; with one, a
     * key id it does not list is itself a violation, since no member could have made that signature.
     */
    private static Optional<PublicKey> keyFor(Recorded<?> recorded, String country, String keyId,
                                              Optional<MemberKeys> keys, List<Violation> out, Set<String> unchecked) {
        if (keys.isEmpty()) {
            unchecked.add(recorded.source());
            return Optional.empty();
        }
        Optional<PublicKey> key = keys.get().key(country, keyId);
        if (key.isEmpty()) {
            out.add(new Violation("signature", recorded.source(), "keyId '" + keyId + "' of origin " + country
                    + " is not in the members file, so the signature cannot be a member's"));
        }
        return key;
    }

    private static void report(Recorded<?> recorded, VerificationResult result, List<Violation> out) {
        if (!result.valid()) {
            out.add(new Violation("signature", recorded.source(), result.reason()));
        }
    }
}
