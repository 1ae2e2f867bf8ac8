package io.aegis.devstack.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.Ed25519;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSecretsTest {

    @TempDir
    Path dir;

    @Test
    void shouldGenerateDistinctTokensAndAWorkingKeyPairPerNode() throws IOException {
        // when
        StackSecrets secrets = StackSecrets.loadOrCreate(dir.resolve("s.json"), List.of("FR", "DE"), new SecureRandom());

        // then
        Set<String> tokens = new HashSet<>();
        for (String country : List.of("FR", "DE")) {
            for (DemoRole role : DemoRole.values()) {
                tokens.add(secrets.node(country).token(role));
            }
            NodeSecrets node = secrets.node(country);
            byte[] message = "payload".getBytes(StandardCharsets.UTF_8);
            byte[] signature = Ed25519.sign(Ed25519.decodePrivate(node.signingKey()), message);
            assertTrue(Ed25519.verify(Ed25519.decodePublic(node.publicKey()), message, signature));
        }
        assertEquals(8, tokens.size());
    }

    @Test
    void shouldKeepExistingSecretsAcrossRunsAndOnlyAddNewCountries() throws IOException {
        // given: up after down must keep tokens that scripts and browsers already hold
        Path file = dir.resolve("s.json");
        StackSecrets first = StackSecrets.loadOrCreate(file, List.of("FR"), new SecureRandom());

        // when
        StackSecrets second = StackSecrets.loadOrCreate(file, List.of("FR", "KE"), new SecureRandom());

        // then
        assertEquals(first.networkKey(), second.networkKey());
        assertEquals(first.node("FR"), second.node("FR"));
        assertEquals(second.node("KE"), StackSecrets.read(file).node("KE"));
        assertNotEquals(second.node("FR").token(DemoRole.ADMIN), second.node("KE").token(DemoRole.ADMIN));
    }

    @Test
    void shouldGiveANodeFromAnOlderFilePasswordsAndASessionKeyOnceAndKeepThem() throws IOException {
        // given a file written before demo users had passwords
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"networkKey\":\"k\",\"nodes\":{\"FR\":{\"tokens\":{\"publisher\":\"a\","
                + "\"officer\":\"o\",\"operator\":\"b\",\"admin\":\"c\"},\"signingKey\":\"x\",\"publicKey\":\"y\"}}}");

        // when up runs twice
        StackSecrets first = StackSecrets.loadOrCreate(file, List.of("FR"), new SecureRandom());
        StackSecrets second = StackSecrets.loadOrCreate(file, List.of("FR"), new SecureRandom());

        // then the tokens are kept, and the passwords and key generated the first time are kept too
        assertEquals("o", second.node("FR").token(DemoRole.OFFICER));
        assertEquals(first.node("FR"), second.node("FR"));
        for (DemoRole role : DemoRole.values()) {
            assertTrue(second.node("FR").password(role).length() >= 20, role.key());
        }
        assertEquals(32, java.util.Base64.getDecoder().decode(second.node("FR").sessionKey()).length);
        assertNotEquals(second.node("FR").password(DemoRole.ADMIN), second.node("FR").password(DemoRole.OFFICER));
    }

    @Test
    void shouldWriteTheFileReadableByTheOwnerOnly() throws IOException {
        Path file = dir.resolve("s.json");
        StackSecrets.loadOrCreate(file, List.of("FR"), new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void shouldNameTheMissingTokenOfADamagedFile() throws IOException {
        // given a file whose FR node lost its officer token
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"networkKey\":\"k\",\"nodes\":{\"FR\":{\"tokens\":{\"publisher\":\"a\","
                + "\"operator\":\"b\",\"admin\":\"c\"},\"signingKey\":\"x\",\"publicKey\":\"y\"}}}");

        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackSecrets.read(file));

        // then
        assertEquals("node FR: token for role officer is missing", e.getMessage());
    }

    @Test
    void shouldHashTokensAsTheNodeExpects() {
        // SHA-256("abc"), lowercase hex: what aegis.node.users.<name>.token-sha256 holds
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", NodeSecrets.sha256Hex("abc"));
    }

    @Test
    void shouldRefuseTheSecretsOfAnUnknownNode() throws IOException {
        StackSecrets secrets = StackSecrets.loadOrCreate(dir.resolve("s.json"), List.of("FR"), new SecureRandom());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> secrets.node("US"));
        assertEquals("no secrets for node US; run ./aegis up first", e.getMessage());
    }
}
