package io.aegis.kafka.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Ed25519 keys and signatures (RFC 8032). Keys are the JDK's own key objects and travel as
 * base64 (standard alphabet) of their X.509 SubjectPublicKeyInfo (public) or PKCS#8 (private)
 * encoding, the forms OpenSSL and most libraries read and write. Signing and verification run on
 * BouncyCastle's RFC 8032 implementation, about ten times faster than JDK 17's provider (every
 * signal is signed by its node and verified by the router, so this is the per-signal CPU
 * ceiling); both produce and accept the same signatures, which the tests check both ways.
 * Decoded key material is cached per key object, so a node's or member's key is decoded once.
 */
public final class Ed25519 {

    public static final String ALGORITHM = "Ed25519";
    /** Length of an Ed25519 signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the 32-byte key follows. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** DER prefix of a PKCS#8 PrivateKeyInfo (v1, no public key) for Ed25519; the 32-byte seed follows. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final int RAW_KEY_LENGTH = 32;
    private static final int CACHE_LIMIT = 1024;
    private static final Map<PublicKey, Ed25519PublicKeyParameters> PUBLIC_KEYS = new ConcurrentHashMap<>();
    private static final Map<PrivateKey, Ed25519PrivateKeyParameters> PRIVATE_KEYS = new ConcurrentHashMap<>();

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
        Ed25519PrivateKeyParameters parameters = cached(PRIVATE_KEYS, key, () -> {
            byte[] seed = raw(key.getEncoded(), PKCS8_PREFIX);
            if (seed == null) {
                throw new IllegalArgumentException("cannot sign with the given key (" + key.getAlgorithm()
                        + "): not a PKCS#8-encoded Ed25519 private key");
            }
            return new Ed25519PrivateKeyParameters(seed, 0);
        });
        byte[] signature = new byte[SIGNATURE_LENGTH];
        parameters.sign(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0,
                message.length, signature, 0);
        return signature;
    }

    /** True only when the signature is a valid Ed25519 signature of the message under the key. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519PublicKeyParameters parameters;
        try {
            parameters = cached(PUBLIC_KEYS, key, () -> {
                byte[] point = raw(key.getEncoded(), SPKI_PREFIX);
                if (point == null) {
                    throw new IllegalArgumentException("not an X.509-encoded Ed25519 public key");
                }
                return new Ed25519PublicKeyParameters(point, 0);
            });
        } catch (IllegalArgumentException e) {
            // a key of another algorithm, or an encoding that is no curve point, verifies nothing
            return false;
        }
        return parameters.verify(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0,
                message.length, signature, 0);
    }

    private static <K, V> V cached(Map<K, V> cache, K key, java.util.function.Supplier<V> decode) {
        V value = cache.get(key);
        if (value == null) {
            value = decode.get();
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key, value);
        }
        return value;
    }

    /** The 32 raw bytes after {@code prefix}, or null when the encoding is not exactly that form. */
    private static byte[] raw(byte[] encoded, byte[] prefix) {
        if (encoded == null || encoded.length != prefix.length + RAW_KEY_LENGTH
                || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
            return null;
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
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
