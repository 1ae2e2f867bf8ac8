package io.aegis.node.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Health {@code webhooks}: UP while the notification webhook worker consumes, DOWN while it
 * recovers from a consumer error or if its thread died, with its state, in-flight deliveries,
 * restarts and last error. Not a readiness check: the API serves without it.
 */
@Singleton
@Requires(bean = NotificationWebhooks.class)
public class WebhookWorkerHealthIndicator implements HealthIndicator {

    private final NotificationWebhooks webhooks;

    public WebhookWorkerHealthIndicator(NotificationWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.just(result("webhooks", webhooks.active(), webhooks.status()));
    }

    /** UP or DOWN as the worker is; a feed no webhook subscribes to is UP with state {@code NO_WEBHOOKS}. */
    public static HealthResult result(String name, boolean active, WebhookWorkerStatus status) {
        if (!active) {
            return HealthResult.builder(name, HealthStatus.UP).details(java.util.Map.of("state", "NO_WEBHOOKS")).build();
        }
        return HealthResult.builder(name, status.healthy() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(status.details()).build();
    }
}
