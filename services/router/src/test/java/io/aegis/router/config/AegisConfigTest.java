package io.aegis.router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AegisConfigTest {

    @Test
    void shouldRefuseToStartWithoutANetworkKeyNamingTheSetting() {
        // why: a built-in key would make every deployment's HASHED indicators reversible by anyone with the source
        AegisConfig config = new AegisConfig("infra", "", "", null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::networkKeyBytes);

        assertTrue(e.getMessage().contains("aegis.network-key is not set"), e.getMessage());
    }

    @Test
    void shouldDecodeAConfiguredKey() {
        assertEquals(32, new AegisConfig("infra", "", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=", null).networkKeyBytes().length);
    }
}
