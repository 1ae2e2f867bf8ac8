package io.aegis.kafka.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretHashTest {

    @Test
    void shouldHashAsConfigurationHoldsIt() {
        // SHA-256("abc"), lowercase hex
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SecretHash.hex("abc"));
    }

    @Test
    void shouldReadAConfiguredHashOfEitherCaseAndNothingElse() {
        String hex = SecretHash.hex("secret");
        assertArrayEquals(SecretHash.of("secret"), SecretHash.parse(hex.toUpperCase()).orElseThrow());
        assertTrue(SecretHash.parse(hex.substring(1)).isEmpty());
        assertTrue(SecretHash.parse("z".repeat(64)).isEmpty());
        assertTrue(SecretHash.parse(" " + hex).isEmpty(), "surrounding blanks are the caller's to trim");
        assertTrue(SecretHash.parse(null).isEmpty());
    }

    @Test
    void shouldMatchOnlyTheSecretItself() {
        byte[] expected = SecretHash.of("secret");
        assertTrue(SecretHash.matches(expected, "secret"));
        assertFalse(SecretHash.matches(expected, "secret "));
        assertFalse(SecretHash.matches(expected, null));
        assertFalse(SecretHash.matches(null, "secret"), "nothing to compare with never matches");
        assertFalse(SecretHash.matches(null, ""), "not even the empty secret");
    }
}
