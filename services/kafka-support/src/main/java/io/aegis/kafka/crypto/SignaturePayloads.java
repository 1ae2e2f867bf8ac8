package io.aegis.kafka.crypto;

import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SignaturePayload;
import io.aegis.schema.signal.ThreatSignal;
import java.util.Objects;

/**
 * The exact {@link SignaturePayload} an origin signs for a signal or a retraction; signer and
 * verifier both build it here so that they can never disagree.
 */
public final class SignaturePayloads {

    public static final String KIND_SIGNAL = "signal";
    public static final String KIND_RETRACTION = "retraction";

    private SignaturePayloads() {
    }

    /**
     * Kind {@code signal}: id, origin, {@code issuedAt = submittedAt}, digest = the content hash
     * recomputed from the content (never the hash the signal states).
     */
    public static SignaturePayload forSignal(ThreatSignal signal) {
        Objects.requireNonNull(signal, "signal");
        return SignaturePayload.newBuilder()
                .setKind(KIND_SIGNAL)
                .setId(signal.getId())
                .setOriginCountry(signal.getOriginCountry())
                .setOriginAgency(signal.getOriginAgency())
                .setIssuedAt(signal.getSubmittedAt())
                .setDigest(CanonicalHash.contentHash(signal.getContent()))
                .build();
    }

    /**
     * Kind {@code retraction}: id = the retracted signal id, origin, issuedAt, digest = hash of
     * the retraction's fields with the signature emptied.
     *
     * @throws IllegalArgumentException when originCountry or originAgency is missing
     */
    public static SignaturePayload forRetraction(Retraction retraction) {
        Objects.requireNonNull(retraction, "retraction");
        if (retraction.getOriginCountry() == null) {
            throw new IllegalArgumentException("originCountry is required on a signed retraction");
        }
        if (retraction.getOriginAgency() == null) {
            throw new IllegalArgumentException("originAgency is required on a signed retraction");
        }
        return SignaturePayload.newBuilder()
                .setKind(KIND_RETRACTION)
                .setId(retraction.getSignalId())
                .setOriginCountry(retraction.getOriginCountry())
                .setOriginAgency(retraction.getOriginAgency())
                .setIssuedAt(retraction.getIssuedAt())
                .setDigest(CanonicalHash.retractionDigest(retraction))
                .build();
    }
}
