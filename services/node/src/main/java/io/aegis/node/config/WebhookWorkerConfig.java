package io.aegis.node.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * The consumer that sends notifications to webhooks ({@code aegis.node.webhook-worker.*}).
 * Deliveries and their retries run while the consumer keeps polling with its partitions paused,
 * so {@code maxPollInterval} need not cover any retry budget: it only bounds one poll loop turn.
 *
 * @param maxPollRecords  most notifications delivered at once (one batch, committed together)
 * @param maxPollInterval the consumer's max.poll.interval.ms
 * @param retryBackoff    wait before reading a notification again whose dead-letter write failed,
 *                        and before re-subscribing after a consumer error
 */
@ConfigurationProperties("aegis.node.webhook-worker")
public record WebhookWorkerConfig(@Bindable(defaultValue = "50") @Min(1) int maxPollRecords,
                                  @Bindable(defaultValue = "5m") @NotNull Duration maxPollInterval,
                                  @Bindable(defaultValue = "5s") @NotNull Duration retryBackoff) {
}
