package io.aegis.node.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.aegis.node.config.SessionConfig;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed sign-ins per user name and per client address in fixed windows (the window
 * starts at the first failure). Once either count reaches the limit, sign-ins for that name or
 * from that address are refused until its window ends, even with the right password: a guesser
 * learns nothing from a refused attempt. Counts live in this instance's memory (bounded), so
 * several instances each allow the limit.
 */
@Singleton
public final class SignInThrottle {

    private record Window(Instant start, int failures) {
    }

    private final Cache<String, Window> windows;
    private final int limit;
    private final Duration length;
    private final Clock clock;

    public SignInThrottle(SessionConfig config) {
        this(config.maxFailures(), config.failureWindow(), Clock.systemUTC());
    }

    SignInThrottle(int limit, Duration length, Clock clock) {
        this.limit = limit;
        this.length = length;
        this.clock = clock;
        this.windows = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(length).build();
    }

    /** How long until {@code user} from {@code address} may try again; empty when they may now. */
    public Optional<Duration> retryAfter(String user, String address) {
        Instant now = clock.instant();
        Duration wait = longer(blocked(userKey(user), now), blocked(addressKey(address), now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Records one failed sign-in of {@code user} from {@code address}. */
    public void failed(String user, String address) {
        Instant now = clock.instant();
        count(userKey(user), now);
        count(addressKey(address), now);
    }

    private void count(String key, Instant now) {
        windows.asMap().compute(key, (k, w) -> w == null || !now.isBefore(w.start().plus(length))
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    private Duration blocked(String key, Instant now) {
        Window window = windows.getIfPresent(key);
        if (window == null || window.failures() < limit) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, window.start().plus(length));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String userKey(String user) {
        return "user:" + (user == null ? "" : user);
    }

    private static String addressKey(String address) {
        return "addr:" + (address == null ? "" : address);
    }
}
