package io.aegis.node.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Remembers the answer given for an {@code Idempotency-Key} so that a retry gets the first
 * answer and produces nothing. Invariants: for one key the action runs at most once while it
 * succeeds; a failed action, or an answer the caller says not to remember, is forgotten so a
 * retry may run it again; reusing a key with a different request is refused. Bounded in size
 * and age (in memory: a restart forgets keys).
 *
 * @param <T> the remembered answer
 */
public final class IdempotencyCache<T> {

    private record Entry<T>(String fingerprint, CompletableFuture<T> answer, Instant createdAt) {
    }

    private final Map<String, Entry<T>> entries;
    private final Duration ttl;
    private final Clock clock;

    public IdempotencyCache(int maxEntries, Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<T>> eldest) {
                return size() > maxEntries;
            }
        };
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
        synchronized (entries) {
            Entry<T> known = entries.get(key);
            if (known != null && known.createdAt().plus(ttl).isAfter(clock.instant())) {
                if (!known.fingerprint().equals(fingerprint)) {
                    throw new InvalidRequestException("Idempotency-Key", "was already used for a different request");
                }
                return known.answer();
            }
            entries.put(key, new Entry<>(fingerprint, placeholder, clock.instant()));
        }
        CompletableFuture<T> result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, error) -> {
            if (error != null || !remember.test(value)) {
                synchronized (entries) {
                    Entry<T> current = entries.get(key);
                    if (current != null && current.answer() == placeholder) {
                        entries.remove(key);
                    }
                }
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
        synchronized (entries) {
            return entries.size();
        }
    }
}
