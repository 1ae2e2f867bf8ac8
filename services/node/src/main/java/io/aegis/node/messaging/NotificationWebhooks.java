package io.aegis.node.messaging;

import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.NodeConfig;
import io.aegis.node.config.WebhookConfig;
import io.aegis.node.config.WebhookEvent;
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
 * Sends every notification on {@code aegis.notify.<CC>} to each webhook subscribed to
 * {@code NOTIFICATION}, on its own consumer group and thread ({@link WebhookFeed}). Invariants: an
 * offset is committed only after each webhook either accepted the notification or it was
 * dead-lettered to {@code aegis.dlq} with the write acknowledged (nothing is dropped silently; see
 * {@link WebhookPollLoop}); the worker never stops while the node runs ({@link WebhookWorker}
 * re-subscribes after any consumer error). Its state is in {@link #status()} (health
 * {@code webhooks}) and the meters {@code aegis.node.webhook.worker.*}.
 */
@Singleton
@Requires(bean = WebhookConfig.class)
public class NotificationWebhooks implements ApplicationEventListener<ServerStartupEvent> {

    private final WebhookFeed feed;

    public NotificationWebhooks(List<WebhookConfig> hooks, WebhookDispatcher dispatcher, Topics topics,
                                NodeConfig node, WebhookWorkerConfig config, KafkaDefaultConfiguration kafka,
                                MeterRegistry meters, NodeStores stores) {
        String prefix = "aegis-node-" + node.country();
        this.feed = new WebhookFeed(new WebhookFeed.Source("notifications", "aegis.node.webhook.worker", topics.notify(node.country()).name(),
                prefix + "-webhooks", prefix, WebhookMessages.notifications(topics.notify(node.country()),
                        notification -> CaseAbout.notification(notification, stores))),
                hooks.stream().filter(h -> h.receives(WebhookEvent.NOTIFICATION)).toList(), dispatcher, config, kafka, meters);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        feed.start();
    }

    /** True when some webhook subscribes to notifications. */
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
