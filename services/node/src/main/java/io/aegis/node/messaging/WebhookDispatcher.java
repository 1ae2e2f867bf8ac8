package io.aegis.node.messaging;

import io.aegis.node.config.WebhookConfig;
import io.aegis.node.domain.Backoff;
import io.aegis.node.domain.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * POSTs one notification body to one webhook, signed with HMAC-SHA256, retrying with
 * exponential backoff and jitter. Completes with {@code true} once the receiver answered 2xx,
 * or {@code false} after the last attempt failed (the caller then dead-letters it). Every attempt
 * carries the same {@code X-Aegis-Delivery} id so receivers can drop duplicates.
 */
@Singleton
public class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
    private final MeterRegistry meters;

    public WebhookDispatcher(MeterRegistry meters) {
        this.meters = meters;
    }

    public CompletableFuture<Boolean> deliver(WebhookConfig hook, String deliveryId, byte[] body) {
        Backoff backoff = new Backoff(hook.initialBackoff(), hook.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        attempt(hook, deliveryId, body, 1, backoff, outcome);
        return outcome;
    }

    private void attempt(WebhookConfig hook, String deliveryId, byte[] body, int attempt, Backoff backoff,
                         CompletableFuture<Boolean> outcome) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url())).timeout(hook.timeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.DELIVERY_HEADER, deliveryId)
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(hook.secret().getBytes(StandardCharsets.UTF_8), timestamp, body))
                .header("X-Aegis-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            boolean ok = error == null && response.statusCode() / 100 == 2;
            if (ok) {
                count(hook, "delivered");
                outcome.complete(true);
            } else if (attempt >= hook.maxAttempts()) {
                count(hook, "dead_lettered");
                LOG.warn("Webhook {} gave up on delivery {} after {} attempts: {}", hook.name(), deliveryId, attempt,
                        error != null ? error.toString() : "HTTP " + response.statusCode());
                outcome.complete(false);
            } else {
                count(hook, "retried");
                long wait = backoff.delay(attempt).toMillis();
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(hook, deliveryId, body, attempt + 1, backoff, outcome));
            }
        });
    }

    private void count(WebhookConfig hook, String outcome) {
        meters.counter("aegis.node.webhook.deliveries", "webhook", hook.name(), "outcome", outcome).increment();
    }
}
