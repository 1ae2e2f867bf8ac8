package io.aegis.kafka.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Signatures made here and by the JDK's own Ed25519 provider are interchangeable, and RFC 8032 vectors hold. */
class Ed25519InteropTest {

    private static final byte[] MESSAGE = "aegis: signal s-1 from FR".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldProduceSignaturesTheJdkProviderAccepts() throws GeneralSecurityException {
        KeyPair pair = Ed25519.generate();

        byte[] ours = Ed25519.sign(pair.getPrivate(), MESSAGE);

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(pair.getPublic());
        jdk.update(MESSAGE);
        assertTrue(jdk.verify(ours));
    }

    @Test
    void shouldAcceptSignaturesOfTheJdkProviderAndRefuseAlteredOnes() throws GeneralSecurityException {
        KeyPair pair = Ed25519.generate();
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(MESSAGE);
        byte[] theirs = jdk.sign();

        assertTrue(Ed25519.verify(pair.getPublic(), MESSAGE, theirs));
        theirs[10] ^= 1;
        assertFalse(Ed25519.verify(pair.getPublic(), MESSAGE, theirs));
        assertFalse(Ed25519.verify(Ed25519.generate().getPublic(), MESSAGE, jdkSign(pair.getPrivate())));
    }

    @Test
    void shouldMatchRfc8032TestVector1() throws GeneralSecurityException {
        // RFC 8032 section 7.1, TEST 1: empty message
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + HexFormat.of().formatHex(seed));
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));

        byte[] signature = Ed25519.sign(key, new byte[0]);

        assertArrayEquals(HexFormat.of().parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"), signature);
        assertTrue(Ed25519.verify(Ed25519.decodePublic(
                "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="), new byte[0], signature));
    }

    @Test
    void shouldVerifyNothingUnderAKeyOfAnotherAlgorithm() throws GeneralSecurityException {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

        assertFalse(Ed25519.verify(rsa.getPublic(), MESSAGE, new byte[Ed25519.SIGNATURE_LENGTH]));
    }

    private static byte[] jdkSign(PrivateKey key) throws GeneralSecurityException {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(key);
        jdk.update(MESSAGE);
        return jdk.sign();
    }
}
