package io.aegis.devstack.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.Ed25519;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoKeysTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseThePublishedPairOnlyWhenItsHalvesBelongTogether() throws IOException {
        // given FR's key file matches its listed public key, DE's does not, JP has no key file
        KeyPair fr = Ed25519.generate();
        KeyPair de = Ed25519.generate();
        Files.writeString(dir.resolve("FR.key"), Ed25519.encodePrivate(fr.getPrivate()) + "\n");
        Files.writeString(dir.resolve("DE.key"), Ed25519.encodePrivate(de.getPrivate()));
        DemoKeys keys = new DemoKeys(dir, Map.of("FR", Ed25519.encodePublic(fr.getPublic()),
                "DE", Ed25519.encodePublic(Ed25519.generate().getPublic()),
                "JP", Ed25519.encodePublic(Ed25519.generate().getPublic())));

        // then
        assertEquals(Ed25519.encodePublic(fr.getPublic()), keys.forCountry("FR").orElseThrow().publicKey());
        assertTrue(keys.forCountry("DE").isEmpty());
        assertTrue(keys.forCountry("JP").isEmpty());
    }

    @Test
    void shouldGiveANodeThePublishedPairSoTheRepositoryMembersFileVerifiesIt() throws IOException {
        KeyPair fr = Ed25519.generate();
        Files.writeString(dir.resolve("FR.key"), Ed25519.encodePrivate(fr.getPrivate()));
        DemoKeys keys = new DemoKeys(dir, Map.of("FR", Ed25519.encodePublic(fr.getPublic())));

        StackSecrets secrets = StackSecrets.loadOrCreate(dir.resolve("s.json"), List.of("FR", "KE"), List.of(),
                new SecureRandom(), keys);

        assertEquals(Ed25519.encodePrivate(fr.getPrivate()), secrets.node("FR").signingKey());
        assertTrue(!secrets.node("KE").publicKey().equals(secrets.node("FR").publicKey()));
    }
}
