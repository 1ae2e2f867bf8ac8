package io.aegis.node.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Set;

/**
 * One outbound webhook ({@code aegis.node.webhooks.<name>.*}) for duty-officer notifications and/or
 * inbox events. Every subscription is delivered with the same signature, retry and DLQ rules.
 *
 * @param name           webhook name, part of every delivery id
 * @param url            where notifications are POSTed
 * @param secret         HMAC-SHA256 key of the signature header (a secret: never logged)
 * @param maxAttempts    attempts before the notification is dead-lettered
 * @param initialBackoff wait before the first retry; doubles on each retry, with jitter
 * @param maxBackoff     longest wait between attempts
 * @param timeout        per-attempt request timeout
 * @param events         what it receives: {@code NOTIFICATION} (the default, as before inbox events
 *                       existed), {@code SIGNAL}, {@code RETRACTED}, {@code DOWNGRADED}
 */
@EachProperty("aegis.node.webhooks")
public record WebhookConfig(@Parameter String name,
                            String url,
                            String secret,
                            @Bindable(defaultValue = "6") int maxAttempts,
                            @Bindable(defaultValue = "1s") Duration initialBackoff,
                            @Bindable(defaultValue = "1m") Duration maxBackoff,
                            @Bindable(defaultValue = "10s") Duration timeout,
                            @Bindable(defaultValue = "NOTIFICATION") Set<WebhookEvent> events) {

    /** True when this webhook receives {@code event}. */
    public boolean receives(WebhookEvent event) {
        return events.contains(event);
    }

    /** True when it receives any inbox event. */
    public boolean receivesInbox() {
        return events.stream().anyMatch(WebhookEvent::inbox);
    }

    @Override
    public String toString() {
        return "WebhookConfig[name=" + name + ", url=" + url + ", events=" + events + ", secret=<secret>]";
    }
}
