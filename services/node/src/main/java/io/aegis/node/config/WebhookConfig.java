package io.aegis.node.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * One outbound webhook for duty-officer notifications ({@code aegis.node.webhooks.<name>.*}).
 *
 * @param name           webhook name, part of every delivery id
 * @param url            where notifications are POSTed
 * @param secret         HMAC-SHA256 key of the signature header (a secret: never logged)
 * @param maxAttempts    attempts before the notification is dead-lettered
 * @param initialBackoff wait before the first retry; doubles on each retry, with jitter
 * @param maxBackoff     longest wait between attempts
 * @param timeout        per-attempt request timeout
 */
@EachProperty("aegis.node.webhooks")
public record WebhookConfig(@Parameter String name,
                            String url,
                            String secret,
                            @Bindable(defaultValue = "6") int maxAttempts,
                            @Bindable(defaultValue = "1s") Duration initialBackoff,
                            @Bindable(defaultValue = "1m") Duration maxBackoff,
                            @Bindable(defaultValue = "10s") Duration timeout) {

    @Override
    public String toString() {
        return "WebhookConfig[name=" + name + ", url=" + url + ", secret=<secret>]";
    }
}
