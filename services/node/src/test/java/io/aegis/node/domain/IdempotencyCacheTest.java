package io.aegis.node.domain;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyCacheTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    final IdempotencyCache<String> cache = new IdempotencyCache<>(2, Duration.ofHours(1), clock);
    final AtomicInteger runs = new AtomicInteger();

    CompletableFuture<String> action() {
        return CompletableFuture.completedFuture("answer-" + runs.incrementAndGet());
    }

    @Test
    void shouldReplayTheFirstAnswerForTheSameKeyAndRunTheActionOnce() {
        String first = cache.answer("k", "f", this::action).join();
        String second = cache.answer("k", "f", this::action).join();

        assertEquals("answer-1", first);
        assertEquals(first, second);
        assertEquals(1, runs.get());
    }

    @Test
    void shouldRefuseAKeyReusedForADifferentRequest() {
        cache.answer("k", "f", this::action).join();

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> cache.answer("k", "other", this::action));
        assertEquals("Idempotency-Key", e.violations().get(0).field());
    }

    @Test
    void shouldForgetAFailedActionSoARetryRunsAgain() {
        CompletableFuture<String> failed = cache.answer("k", "f", () -> CompletableFuture.failedFuture(new IllegalStateException("down")));
        assertTrue(failed.isCompletedExceptionally());

        assertEquals("answer-1", cache.answer("k", "f", this::action).join());
    }

    @Test
    void shouldGiveButForgetAnAnswerItIsToldNotToRememberSoARetryRunsAgain() {
        // why: a batch partly refused by Kafka must be retryable under the same key
        String partial = cache.answer("k", "f", this::action, answer -> false).join();

        assertEquals("answer-1", partial);
        assertEquals("answer-2", cache.answer("k", "f", this::action).join());
        assertEquals("answer-2", cache.answer("k", "f", this::action).join());
    }

    @Test
    void shouldForgetAKeyOnceItsTimeToLiveHasPassed() {
        // why: keys are remembered for a bounded time (aegis.node.idempotency-ttl), then a retry is a new request
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(clock.instant());
        Clock moving = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        IdempotencyCache<String> aging = new IdempotencyCache<>(10, Duration.ofHours(1), moving);
        aging.answer("k", "f", this::action).join();

        now.set(now.get().plus(Duration.ofMinutes(59)));
        assertEquals("answer-1", aging.answer("k", "f", this::action).join());
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertEquals("answer-2", aging.answer("k", "other", this::action).join());
    }

    @Test
    void shouldStayWithinItsBound() {
        cache.answer("a", "f", this::action).join();
        cache.answer("b", "f", this::action).join();
        cache.answer("c", "f", this::action).join();

        assertEquals(2, cache.size());
    }
}
