package io.aegis.kafka.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.fixtures.ContractSamples;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.testsupport.fixtures.Signals;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class SignatureTest {

    static {
        ContractSamples.all();
    }

    private static final KeyPair FR = Ed25519.generate();
    private static final KeyPair OTHER = Ed25519.generate();

    @Test
    void shouldVerifyASignalSignedByItsOrigin() {
        ThreatSignal signed = SignalSigner.sign(Signals.signal("FR").build(), FR.getPrivate());

        assertEquals(VerificationResult.ok(), SignatureVerifier.verify(signed, FR.getPublic()));
        assertEquals(CanonicalHash.contentHash(signed.getContent()), signed.getContentHash());
        assertEquals(Ed25519.SIGNATURE_LENGTH, signed.getSignature().remaining());
    }

    @Test
    void shouldBuildAndSignANewSignalInOneStep() {
        SignalContent content = Signals.content().build();

        ThreatSignal signed = SignalSigner.signNew("sig-9", "FR", "anssi", Signals.OBSERVED, content, "k1",
                FR.getPrivate());

        assertEquals("k1", signed.getKeyId());
        assertTrue(SignatureVerifier.verify(signed, FR.getPublic()).valid());
    }

    @Test
    void shouldDetectContentTamperedAfterSigning() {
        // a relay changing the content but keeping the stated hash is caught by the hash check
        ThreatSignal signed = SignalSigner.sign(Signals.signal("FR").build(), FR.getPrivate());
        ThreatSignal tampered = ThreatSignal.newBuilder(signed)
                .setContent(SignalContent.newBuilder(signed.getContent()).setTlp(Tlp.CLEAR).build()).build();

        VerificationResult result = SignatureVerifier.verify(tampered, FR.getPublic());

        assertFalse(result.valid());
        assertTrue(result.reason().startsWith("contentHash mismatch"), result.reason());
    }

    @Test
    void shouldDetectContentAndHashTamperedTogether() {
        // a forger who also recomputes the hash cannot produce the signature
        ThreatSignal signed = SignalSigner.sign(Signals.signal("FR").build(), FR.getPrivate());
        SignalContent forged = SignalContent.newBuilder(signed.getContent()).setSeverity(1).build();
        ThreatSignal tampered = ThreatSignal.newBuilder(signed).setContent(forged)
                .setContentHash(CanonicalHash.contentHash(forged)).build();

        VerificationResult result = SignatureVerifier.verify(tampered, FR.getPublic());

        assertFalse(result.valid());
        assertTrue(result.reason().contains("does not verify with key 'default' of origin FR"), result.reason());
    }

    @Test
    void shouldDetectAForgedOriginAndAForeignKey() {
        ThreatSignal signed = SignalSigner.sign(Signals.signal("FR").build(), FR.getPrivate());

        assertFalse(SignatureVerifier.verify(ThreatSignal.newBuilder(signed).setOriginAgency("fake").build(),
                FR.getPublic()).valid());
        assertFalse(SignatureVerifier.verify(signed, OTHER.getPublic()).valid());
    }

    @Test
    void shouldNameTheLengthOfAMissingSignature() {
        ThreatSignal unsigned = Signals.signal("FR").build();
        ThreatSignal hashed = ThreatSignal.newBuilder(unsigned)
                .setContentHash(CanonicalHash.contentHash(unsigned.getContent())).build();

        VerificationResult result = SignatureVerifier.verify(hashed, FR.getPublic());

        assertEquals("signature of signal " + unsigned.getId() + " must be 64 bytes (Ed25519), got 0", result.reason());
    }

    @Test
    void shouldSignAndVerifyRetractionsAndDetectAChangedReason() {
        Retraction signed = SignalSigner.sign(Signals.retraction("sig-1", "FR").build(), FR.getPrivate());

        assertTrue(SignatureVerifier.verify(signed, FR.getPublic()).valid());
        Retraction tampered = Retraction.newBuilder(signed).setReason("never mind").build();
        assertFalse(SignatureVerifier.verify(tampered, FR.getPublic()).valid());
    }

    @Test
    void shouldRefuseToSignARetractionWithoutOrigin() {
        Retraction anonymous = Signals.retraction("sig-1", "FR").setOriginCountry(null).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignalSigner.sign(anonymous, FR.getPrivate()));

        assertEquals("originCountry is required on a signed retraction", e.getMessage());
        assertFalse(SignatureVerifier.verify(anonymous, FR.getPublic()).valid());
    }

    @Test
    void shouldRoundTripKeysThroughTheirBase64Encodings() {
        KeyPair pair = Ed25519.generate();
        byte[] message = "payload".getBytes(StandardCharsets.UTF_8);

        var publicKey = Ed25519.decodePublic(Ed25519.encodePublic(pair.getPublic()));
        var privateKey = Ed25519.decodePrivate(Ed25519.encodePrivate(pair.getPrivate()));

        assertTrue(Ed25519.verify(publicKey, message, Ed25519.sign(privateKey, message)));
        assertFalse(Ed25519.verify(publicKey, message, new byte[64]));
    }

    @Test
    void shouldNameWhatIsWrongWithABadKey() {
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> Ed25519.decodePublic("not base64!"));
        IllegalArgumentException notAKey = assertThrows(IllegalArgumentException.class,
                () -> Ed25519.decodePrivate("AAAA"));

        assertTrue(notBase64.getMessage().startsWith("public key is not valid base64"), notBase64.getMessage());
        assertTrue(notAKey.getMessage().startsWith("private key is not a PKCS#8-encoded Ed25519 key"),
                notAKey.getMessage());
    }

    @Test
    void shouldPrintAKeyPairOperatorsCanPasteBack() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KeyTool.print(FR, new PrintStream(out, true, StandardCharsets.UTF_8));

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        var publicKey = Ed25519.decodePublic(lines[0].substring("publicKey=".length()));
        var privateKey = Ed25519.decodePrivate(lines[1].substring("privateKey=".length()));
        byte[] message = {1, 2, 3};
        assertTrue(Ed25519.verify(publicKey, message, Ed25519.sign(privateKey, message)));
        assertTrue(ByteBuffer.wrap(publicKey.getEncoded()).equals(ByteBuffer.wrap(FR.getPublic().getEncoded())));
    }
}
