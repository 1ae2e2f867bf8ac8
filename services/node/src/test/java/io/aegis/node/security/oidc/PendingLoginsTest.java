package io.aegis.node.security.oidc;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingLoginsTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final OidcSettings settings = new OidcSettings(OidcSettingsTest.valid(), OidcSettingsTest.KEY);
    final PendingLogins logins = new PendingLogins(new byte[32], settings, clock);

    @Test
    void shouldOpenWhatItSealedOnce() {
        PendingLogins.Pending pending = logins.start("/console/#case/c-1");
        String cookie = logins.seal(pending);

        assertThat(cookie).doesNotContain(pending.state()).doesNotContain(pending.verifier()).doesNotContain(pending.nonce());
        assertThat(logins.finish(cookie, pending.state())).isEqualTo(pending);
        assertThatThrownBy(() -> logins.finish(cookie, pending.state())).isInstanceOf(OidcRefusal.class)
                .hasMessageContaining("already finished");
    }

    @Test
    void shouldGiveFreshRandomValuesEachTime() {
        PendingLogins.Pending a = logins.start("/console/");
        PendingLogins.Pending b = logins.start("/console/");

        assertThat(a.state()).isNotEqualTo(b.state());
        assertThat(a.nonce()).isNotEqualTo(b.nonce()).isNotEqualTo(a.state());
        assertThat(a.verifier()).hasSizeBetween(43, 128).isNotEqualTo(b.verifier());
    }

    @Test
    void shouldRefuseAnotherState() {
        PendingLogins.Pending pending = logins.start("/console/");

        assertThatThrownBy(() -> logins.finish(logins.seal(pending), "forged")).isInstanceOf(OidcRefusal.class)
                .extracting(e -> ((OidcRefusal) e).status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseAfterTheDeadline() {
        PendingLogins.Pending pending = logins.start("/console/");
        String cookie = logins.seal(pending);
        now.set(now.get().plus(Duration.ofMinutes(11)));

        assertThatThrownBy(() -> logins.finish(cookie, pending.state())).hasMessageContaining("took longer than 10 minutes");
    }

    @Test
    void shouldRefuseACookieOfAnotherKeyOrAltered() {
        PendingLogins.Pending pending = logins.start("/console/");
        String other = new PendingLogins(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, settings, clock).seal(pending);
        String sealed = logins.seal(pending);
        String altered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");

        for (String cookie : new String[] {other, altered, "garbage", "a.b.c.d.e", ""}) {
            assertThatThrownBy(() -> logins.finish(cookie, pending.state())).isInstanceOf(OidcRefusal.class)
                    .extracting(e -> ((OidcRefusal) e).status()).isEqualTo(400);
        }
    }
}
