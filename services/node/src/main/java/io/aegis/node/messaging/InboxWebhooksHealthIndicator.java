package io.aegis.node.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Health {@code inboxWebhooks}: the inbox-event webhook worker, reported as {@code webhooks} reports
 * the notification one (state, in-flight deliveries, restarts, last error). Not a readiness check.
 */
@Singleton
@Requires(bean = InboxWebhooks.class)
public class InboxWebhooksHealthIndicator implements HealthIndicator {

    private final InboxWebhooks webhooks;

    public InboxWebhooksHealthIndicator(InboxWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.just(WebhookWorkerHealthIndicator.result("inboxWebhooks", webhooks.active(), webhooks.status()));
    }
}
