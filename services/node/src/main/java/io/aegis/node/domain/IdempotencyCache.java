package io.aegis.node.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Remembers the answer given for an {@code Idempotency-Key} so that a retry gets the first
 * answer and produces nothing. Invariants: for one key the action runs at most once while it
 * succeeds; a failed action, or an answer the caller says not to remember, is forgotten so a
 * retry may run it again; reusing a key with a different request is refused. Bounded in size
 * and age by a Caffeine cache (in memory: a restart forgets keys).
 *
 * @param <T> the remembered answer
 */
public final class IdempotencyCache<T> {

    private record Entry<T>(String fingerprint, CompletableFuture<T> answer) {
    }

    private final Cache<String, Entry<T>> entries;

    public IdempotencyCache(int maxEntries, Duration ttl, Clock clock) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .ticker(() -> clock.millis() * 1_000_000L)
                // maintenance on the caller's thread: the bound holds as soon as a call returns
                .executor(Runnable::run)
                .build();
    }

    /**
     * The answer remembered for {@code key}, or the answer of {@code action}, run now.
     *
     * @throws InvalidRequestException when the key was used for a request with another fingerprint
     */
    public CompletableFuture<T> answer(String key, String fingerprint, Supplier<CompletableFuture<T>> action) {
        return answer(key, fingerprint, action, value -> true);
    }

    /**
     * As {@link #answer(String, String, Supplier)}, but an answer failing {@code remember} is
     * forgotten once given (as a failure is): a retry with the key runs the action again.
     */
    public CompletableFuture<T> answer(String key, String fingerprint, Supplier<CompletableFuture<T>> action,
                                       Predicate<T> remember) {
        CompletableFuture<T> placeholder = new CompletableFuture<>();
        Entry<T> mine = new Entry<>(fingerprint, placeholder);
        Entry<T> known = entries.asMap().putIfAbsent(key, mine);
        if (known != null) {
            if (!known.fingerprint().equals(fingerprint)) {
                throw new InvalidRequestException("Idempotency-Key", "was already used for a different request");
            }
            return known.answer();
        }
        CompletableFuture<T> result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, error) -> {
            if (error != null || !remember.test(value)) {
                entries.asMap().remove(key, mine);
            }
            if (error != null) {
                placeholder.completeExceptionally(error);
            } else {
                placeholder.complete(value);
            }
        });
        return placeholder;
    }

    public int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }
}
