package io.aegis.node.paging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagingSettingsTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    static PagingConfig paging(String from, String consoleUrl, String linkKey) {
        return new PagingConfig(true, from, consoleUrl, linkKey, Duration.ofHours(24), 5, Duration.ofSeconds(1),
                Duration.ofMinutes(1), "/tmp/used-links");
    }

    static SmtpConfig smtp(String host, String starttls, String username, String password) {
        return new SmtpConfig(host, 2525, starttls, username, password, Duration.ofSeconds(10));
    }

    @Test
    void shouldHoldTheDecodedSettings() {
        PagingSettings settings = new PagingSettings(paging("aegis-fr@example.org", "http://localhost:8101/", KEY),
                smtp("localhost", "none", "aegis", "pw"), Map.of("fr-duty-primary", "primary@example.org"));
        assertEquals("http://localhost:8101", settings.consoleUrl());
        assertEquals(StartTls.NONE, settings.smtp().starttls());
        assertEquals("primary@example.org", settings.address("fr-duty-primary").orElseThrow().getAddress());
        assertTrue(settings.address("fr-duty-backup").isEmpty());
        assertFalse(settings.toString().contains(KEY));
        assertFalse(settings.toString().contains("pw"));
    }

    @Test
    void shouldRefuseToStartWithoutTheLinkKeyNamingIt() {
        assertThatThrownBy(() -> new PagingSettings(paging("a@example.org", "http://localhost:8101", null),
                smtp("localhost", "required", null, null), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aegis.node.paging.link-key must be set");
    }

    @Test
    void shouldNameEveryWrongKeyAndRule() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new PagingSettings(paging("not an address", "ftp://x", shortKey),
                smtp("", "sometimes", "aegis", null), Map.of("fr-duty-primary", "nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aegis.node.paging.from must be an e-mail address")
                .hasMessageContaining("aegis.node.paging.console-url must be an http(s) URL")
                .hasMessageContaining("aegis.node.paging.link-key must decode to at least 32 bytes, got 16")
                .hasMessageContaining("aegis.node.paging.smtp.host must be set")
                .hasMessageContaining("aegis.node.paging.smtp.starttls must be one of none, optional, required, got sometimes")
                .hasMessageContaining("aegis.node.paging.smtp.username and aegis.node.paging.smtp.password must be set together")
                .hasMessageContaining("aegis.node.paging.addresses.fr-duty-primary must be an e-mail address")
                .satisfies(e -> assertFalse(e.getMessage().contains(shortKey), "the key's value is never shown"));
    }
}
