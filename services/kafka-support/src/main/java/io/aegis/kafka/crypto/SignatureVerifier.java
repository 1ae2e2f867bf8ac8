package io.aegis.kafka.crypto;

import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.Objects;

/**
 * Verifies origin authenticity of outbox records: the stated content hash must match the
 * content, and the Ed25519 signature must verify over the signature payload with the origin's
 * public key. Reports the first failed check by name; never throws for a bad record.
 */
public final class SignatureVerifier {

    private SignatureVerifier() {
    }

    public static VerificationResult verify(ThreatSignal signal, PublicKey originKey) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(originKey, "originKey");
        String computed = CanonicalHash.contentHash(signal.getContent());
        if (!computed.equals(signal.getContentHash())) {
            return VerificationResult.failed("contentHash mismatch: signal " + signal.getId() + " states '"
                    + signal.getContentHash() + "' but its content hashes to '" + computed + "'");
        }
        byte[] payload = CanonicalHash.avroBinary(SignaturePayloads.forSignal(signal));
        return check(bytes(signal.getSignature()), payload, originKey,
                "signal " + signal.getId(), signal.getKeyId(), signal.getOriginCountry());
    }

    public static VerificationResult verify(Retraction retraction, PublicKey originKey) {
        Objects.requireNonNull(retraction, "retraction");
        Objects.requireNonNull(originKey, "originKey");
        if (retraction.getOriginCountry() == null || retraction.getOriginAgency() == null) {
            return VerificationResult.failed("retraction of " + retraction.getSignalId()
                    + " lacks originCountry or originAgency, which a signed retraction requires");
        }
        byte[] payload = CanonicalHash.avroBinary(SignaturePayloads.forRetraction(retraction));
        return check(bytes(retraction.getSignature()), payload, originKey,
                "retraction of " + retraction.getSignalId(), retraction.getKeyId(), retraction.getOriginCountry());
    }

    private static VerificationResult check(byte[] signature, byte[] payload, PublicKey key, String what,
                                            String keyId, String origin) {
        if (signature.length != Ed25519.SIGNATURE_LENGTH) {
            return VerificationResult.failed("signature of " + what + " must be " + Ed25519.SIGNATURE_LENGTH
                    + " bytes (Ed25519), got " + signature.length);
        }
        if (!Ed25519.verify(key, payload, signature)) {
            return VerificationResult.failed("signature of " + what + " does not verify with key '" + keyId
                    + "' of origin " + origin);
        }
        return VerificationResult.ok();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        ByteBuffer copy = buffer.duplicate();
        copy.rewind();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
