package io.aegis.node.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.kafka.dlq.DlqPublisher;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.NodeConfig;
import io.aegis.node.config.WebhookConfig;
import io.aegis.node.domain.AvroJson;
import io.aegis.schema.response.Notification;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends every notification on {@code aegis.notify.<CC>} to each configured webhook. Invariant:
 * an offset is committed only after each webhook either accepted the notification or it was
 * dead-lettered to {@code aegis.dlq} (original bytes, reason naming the webhook): nothing is
 * dropped silently. Runs on its own consumer group and thread.
 */
@Singleton
@Requires(bean = WebhookConfig.class)
public class NotificationWebhooks implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<WebhookConfig> hooks;
    private final WebhookDispatcher dispatcher;
    private final Topic<String, Notification> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> dlqProducer;
    private final DlqPublisher dlq;
    private final Thread worker;
    private volatile boolean running = true;

    public NotificationWebhooks(List<WebhookConfig> hooks, WebhookDispatcher dispatcher, Topics topics,
                                NodeConfig node, KafkaDefaultConfiguration kafka) {
        this.hooks = List.copyOf(hooks);
        this.dispatcher = dispatcher;
        this.topic = topics.notify(node.country());
        Map<String, Object> base = AckedWriter.clientProps(kafka);
        Map<String, Object> consumerProps = new HashMap<>(base);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "aegis-node-" + node.country() + "-webhooks");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerProps = new HashMap<>(base);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.dlqProducer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        this.dlq = new DlqPublisher(dlqProducer, "aegis-node-" + node.country());
        this.worker = new Thread(this::run, "aegis-node-webhooks");
        this.worker.setDaemon(true);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        consumer.subscribe(List.of(topic.name()));
        worker.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Webhook consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        Notification notification;
        byte[] body;
        try {
            notification = topic.valueDeserializer().deserialize(record.topic(), record.value());
            Map<String, Object> json = new LinkedHashMap<>(AvroJson.toMap(notification));
            body = JSON.writeValueAsBytes(json);
        } catch (RuntimeException | JsonProcessingException e) {
            dlq.publish(record, e);
            return;
        }
        Map<WebhookConfig, CompletableFuture<Boolean>> sent = new LinkedHashMap<>();
        for (WebhookConfig hook : hooks) {
            sent.put(hook, dispatcher.deliver(hook, deliveryId(notification, hook), body));
        }
        sent.forEach((hook, outcome) -> {
            if (!outcome.join()) {
                dlq.publish(record, "webhook " + hook.name() + " refused delivery " + deliveryId(notification, hook)
                        + " after " + hook.maxAttempts() + " attempts");
            }
        });
    }

    /** The id receivers de-duplicate on: one per notification and webhook, the same on every attempt. */
    static String deliveryId(Notification notification, WebhookConfig hook) {
        return notification.getNotificationId() + ":" + hook.name();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        if (worker.isAlive()) {
            consumer.wakeup();
            worker.join(10_000);
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
        dlqProducer.close(Duration.ofSeconds(5));
    }
}
