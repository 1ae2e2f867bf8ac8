package io.aegis.kafka.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Ed25519 keys and signatures with the JDK's own provider. Keys travel as base64 (standard
 * alphabet) of their X.509 SubjectPublicKeyInfo (public) or PKCS#8 (private) encoding, the
 * forms OpenSSL and most libraries read and write.
 */
public final class Ed25519 {

    public static final String ALGORITHM = "Ed25519";
    /** Length of an Ed25519 signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides no Ed25519 key generator", e);
        }
    }

    public static String encodePublic(PublicKey key) {
        return Base64.getEncoder().encodeToString(Objects.requireNonNull(key, "key").getEncoded());
    }

    public static String encodePrivate(PrivateKey key) {
        return Base64.getEncoder().encodeToString(Objects.requireNonNull(key, "key").getEncoded());
    }

    /**
     * @throws IllegalArgumentException when the text is not base64 of an X.509 Ed25519 public key
     */
    public static PublicKey decodePublic(String base64) {
        byte[] encoded = base64(base64, "public key");
        try {
            return keyFactory().generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("public key is not an X.509-encoded Ed25519 key: " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException when the text is not base64 of a PKCS#8 Ed25519 private key
     */
    public static PrivateKey decodePrivate(String base64) {
        byte[] encoded = base64(base64, "private key");
        try {
            return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("private key is not a PKCS#8-encoded Ed25519 key: " + e.getMessage(), e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with the given key (" + key.getAlgorithm() + "): "
                    + e.getMessage(), e);
        }
    }

    /** True only when the signature is a valid Ed25519 signature of the message under the key. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a key of another algorithm or a malformed signature verifies nothing
            return false;
        }
    }

    private static KeyFactory keyFactory() throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM);
    }

    private static byte[] base64(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64: " + e.getMessage(), e);
        }
    }
}
