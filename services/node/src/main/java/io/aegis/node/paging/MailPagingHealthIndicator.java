package io.aegis.node.paging;

import io.aegis.node.messaging.WebhookWorkerHealthIndicator;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Health {@code paging}: UP while the e-mail paging worker consumes, DOWN while it recovers from a
 * consumer error or if its thread died, with its state, in-flight pages, restarts and last error.
 * An SMTP server that is down does not make it DOWN (pages are retried, then dead-lettered: see the
 * meter {@code aegis.node.paging.mails}). Not a readiness check: the API serves without it.
 */
@Singleton
@Requires(bean = MailPaging.class)
public class MailPagingHealthIndicator implements HealthIndicator {

    private final MailPaging paging;

    public MailPagingHealthIndicator(MailPaging paging) {
        this.paging = paging;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.just(WebhookWorkerHealthIndicator.result("paging", true, paging.status()));
    }
}
