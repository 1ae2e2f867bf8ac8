package io.aegis.node.messaging;

import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.NodeConfig;
import io.aegis.node.config.WebhookConfig;
import io.aegis.node.config.WebhookWorkerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends every notification on {@code aegis.notify.<CC>} to each configured webhook, on its own
 * consumer group and thread. Invariants: an offset is committed only after each webhook either
 * accepted the notification or it was dead-lettered to {@code aegis.dlq} with the write
 * acknowledged (nothing is dropped silently; see {@link WebhookPollLoop}); the worker never stops
 * while the node runs ({@link WebhookWorker} re-subscribes after any consumer error). Its state is
 * in {@link #status()} (health {@code webhooks}) and the meters {@code aegis.node.webhook.worker.*}.
 */
@Singleton
@Requires(bean = WebhookConfig.class)
public class NotificationWebhooks implements ApplicationEventListener<ServerStartupEvent> {

    private final KafkaProducer<byte[], byte[]> dlqProducer;
    private final WebhookWorkerStatus status = new WebhookWorkerStatus();
    private final WebhookWorker worker;
    private final Thread thread;

    public NotificationWebhooks(List<WebhookConfig> hooks, WebhookDispatcher dispatcher, Topics topics,
                                NodeConfig node, WebhookWorkerConfig config, KafkaDefaultConfiguration kafka,
                                MeterRegistry meters) {
        Map<String, Object> base = AckedWriter.clientProps(kafka);
        Map<String, Object> consumerProps = new HashMap<>(base);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "aegis-node-" + node.country() + "-webhooks");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        consumerProps.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) config.maxPollInterval().toMillis());
        Map<String, Object> producerProps = new HashMap<>(base);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.dlqProducer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        WebhookDeliveries deliveries = new WebhookDeliveries(hooks, dispatcher::deliver, topics.notify(node.country()),
                dlqProducer, "aegis-node-" + node.country());
        this.worker = new WebhookWorker(
                () -> new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                topics.notify(node.country()).name(), deliveries::deliver, config.retryBackoff(), status);
        this.thread = new Thread(worker, "aegis-node-webhooks");
        this.thread.setDaemon(true);
        Gauge.builder("aegis.node.webhook.worker.up", status, s -> s.healthy() ? 1 : 0)
                .description("1 while the webhook worker runs, 0 while it recovers from an error or is dead").register(meters);
        Gauge.builder("aegis.node.webhook.worker.in.flight", status, WebhookWorkerStatus::inFlight)
                .description("notifications being delivered and not committed yet").register(meters);
        Gauge.builder("aegis.node.webhook.worker.restarts", status, WebhookWorkerStatus::restarts)
                .description("times the webhook consumer failed and subscribed again").register(meters);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        thread.start();
    }

    /** What the worker is doing now. */
    public WebhookWorkerStatus status() {
        return status;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.stop();
        thread.join(10_000);
        dlqProducer.close(Duration.ofSeconds(5));
    }
}
