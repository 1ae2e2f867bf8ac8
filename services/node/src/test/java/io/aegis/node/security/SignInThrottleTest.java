package io.aegis.node.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignInThrottleTest {

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovingClock clock = new MovingClock();
    final SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void shouldRefuseAUserAfterTheLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.retryAfter("olivier", "10.0.0." + i));
            throttle.failed("olivier", "10.0.0." + i);
            clock.now = clock.now.plusSeconds(60);
        }

        // the window started at the first failure, three minutes ago
        assertEquals(Optional.of(Duration.ofMinutes(12)), throttle.retryAfter("olivier", "10.0.0.9"));
        clock.now = clock.now.plus(Duration.ofMinutes(12));
        assertEquals(Optional.empty(), throttle.retryAfter("olivier", "10.0.0.9"));
    }

    @Test
    void shouldRefuseAnAddressThatGuessesManyNames() {
        throttle.failed("a", "192.0.2.1");
        throttle.failed("b", "192.0.2.1");
        throttle.failed("c", "192.0.2.1");

        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.retryAfter("d", "192.0.2.1"));
        assertEquals(Optional.empty(), throttle.retryAfter("d", "192.0.2.2"), "another address, another name: not throttled");
    }

    @Test
    void shouldStartAFreshWindowAfterTheOldOneEnded() {
        throttle.failed("olivier", "x");
        throttle.failed("olivier", "y");
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        throttle.failed("olivier", "z");
        throttle.failed("olivier", "z");

        assertEquals(Optional.empty(), throttle.retryAfter("olivier", "w"), "two failures in the new window, under the limit");
    }
}
