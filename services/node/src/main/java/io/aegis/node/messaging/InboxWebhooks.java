package io.aegis.node.messaging;

import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.NodeConfig;
import io.aegis.node.config.WebhookConfig;
import io.aegis.node.config.WebhookWorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Sends inbox events — a signal shared with this country ({@code SIGNAL}), its retraction
 * ({@code RETRACTED}) or downgrade ({@code DOWNGRADED}) — from {@code aegis.inbox.<CC>} to each
 * webhook subscribed to them, with the rules of notification webhooks ({@link WebhookFeed}): signed,
 * retried, dead-lettered, committed only after that, on consumer group
 * {@code aegis-node-<CC>-inbox-webhooks}. Invariant: a withdrawal body names nothing of the origin
 * ({@link WebhookMessages#inbox}). State: health {@code inboxWebhooks} and the meters
 * {@code aegis.node.inbox.webhook.worker.*}.
 */
@Singleton
@Requires(bean = WebhookConfig.class)
public class InboxWebhooks implements ApplicationEventListener<ServerStartupEvent> {

    private final WebhookFeed feed;

    public InboxWebhooks(List<WebhookConfig> hooks, WebhookDispatcher dispatcher, Topics topics,
                         NodeConfig node, WebhookWorkerConfig config, KafkaDefaultConfiguration kafka,
                         MeterRegistry meters) {
        String prefix = "aegis-node-" + node.country();
        this.feed = new WebhookFeed(new WebhookFeed.Source("inbox", "aegis.node.inbox.webhook.worker", topics.inbox(node.country()).name(),
                prefix + "-inbox-webhooks", prefix, WebhookMessages.inbox(topics.inbox(node.country()), node.country())),
                hooks.stream().filter(WebhookConfig::receivesInbox).toList(), dispatcher, config, kafka, meters);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        feed.start();
    }

    /** True when some webhook subscribes to inbox events. */
    public boolean active() {
        return feed.active();
    }

    /** What the worker is doing now. */
    public WebhookWorkerStatus status() {
        return feed.status();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        feed.stop();
    }
}
