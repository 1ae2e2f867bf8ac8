package io.aegis.kafka.crypto;

import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;

/**
 * Signs what an origin node puts on its outbox: sets the content hash of a signal and the
 * Ed25519 signature over its {@link SignaturePayloads signature payload}. The input is never
 * modified; a signed copy is returned.
 */
public final class SignalSigner {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private SignalSigner() {
    }

    /**
     * Builds and signs a new signal.
     *
     * @param keyId id of the signing key as listed for the origin in members.yaml
     */
    public static ThreatSignal signNew(String id, String originCountry, String originAgency, Instant submittedAt,
                                       SignalContent content, String keyId, PrivateKey key) {
        ThreatSignal unsigned = ThreatSignal.newBuilder()
                .setId(id)
                .setOriginCountry(originCountry)
                .setOriginAgency(originAgency)
                .setSubmittedAt(submittedAt)
                .setContent(content)
                .setContentHash("")
                .setKeyId(keyId)
                .setSignature(EMPTY)
                .build();
        return sign(unsigned, key);
    }

    /** A copy of the signal with its content hash recomputed and its signature set. */
    public static ThreatSignal sign(ThreatSignal signal, PrivateKey key) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(key, "key");
        byte[] signature = Ed25519.sign(key, CanonicalHash.avroBinary(SignaturePayloads.forSignal(signal)));
        return ThreatSignal.newBuilder(signal)
                .setContentHash(CanonicalHash.contentHash(signal.getContent()))
                .setSignature(ByteBuffer.wrap(signature))
                .build();
    }

    /**
     * A copy of the retraction with its signature set.
     *
     * @throws IllegalArgumentException when originCountry or originAgency is missing
     */
    public static Retraction sign(Retraction retraction, PrivateKey key) {
        Objects.requireNonNull(key, "key");
        byte[] signature = Ed25519.sign(key, CanonicalHash.avroBinary(SignaturePayloads.forRetraction(retraction)));
        return Retraction.newBuilder(retraction).setSignature(ByteBuffer.wrap(signature)).build();
    }
}
