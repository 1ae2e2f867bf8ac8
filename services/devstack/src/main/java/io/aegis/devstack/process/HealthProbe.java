package io.aegis.devstack.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits for an HTTP health endpoint to answer 200. Invariant: gives up as soon as the watched
 * process has died (no point waiting for a corpse) or the deadline passes, and says which.
 */
public final class HealthProbe {

    private static final Duration POLL = Duration.ofMillis(300);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The outcome of a wait. */
    public enum Result { HEALTHY, DIED, TIMED_OUT }

    /** True when {@code url} answers 200 now. */
    public boolean isHealthy(URI url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls {@code url} until healthy, {@code alive} turns false, or {@code timeout} passes. */
    public Result await(URI url, BooleanSupplier alive, Duration timeout) {
        return await(() -> isHealthy(url), alive, timeout);
    }

    /** Polls {@code check} until it holds, {@code alive} turns false, or {@code timeout} passes. */
    public static Result await(BooleanSupplier check, BooleanSupplier alive, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (check.getAsBoolean()) {
                return Result.HEALTHY;
            }
            if (!alive.getAsBoolean()) {
                return Result.DIED;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.TIMED_OUT;
            }
        }
        return check.getAsBoolean() ? Result.HEALTHY : Result.TIMED_OUT;
    }
}
