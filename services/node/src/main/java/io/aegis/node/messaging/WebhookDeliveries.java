package io.aegis.node.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.kafka.dlq.DlqRecords;
import io.aegis.kafka.topic.Topic;
import io.aegis.node.config.WebhookConfig;
import io.aegis.node.domain.AvroJson;
import io.aegis.schema.response.Notification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers one notification record to every webhook. Invariant: the returned future completes
 * normally only once each webhook accepted the notification or the record was dead-lettered for
 * it and the DLQ write was acknowledged by the brokers; it completes exceptionally when a DLQ
 * write failed, so the caller must not commit the record's offset. Undecodable records go to the
 * DLQ the same way.
 */
final class WebhookDeliveries {

    /** Sends one body to one webhook; completes with whether the webhook accepted it. */
    interface Dispatch {
        CompletableFuture<Boolean> deliver(WebhookConfig hook, String deliveryId, byte[] body);
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<WebhookConfig> hooks;
    private final Dispatch dispatch;
    private final Topic<String, Notification> topic;
    private final Producer<byte[], byte[]> dlq;
    private final String service;

    WebhookDeliveries(List<WebhookConfig> hooks, Dispatch dispatch, Topic<String, Notification> topic,
                      Producer<byte[], byte[]> dlq, String service) {
        this.hooks = List.copyOf(hooks);
        this.dispatch = dispatch;
        this.topic = topic;
        this.dlq = dlq;
        this.service = service;
    }

    CompletableFuture<Void> deliver(ConsumerRecord<byte[], byte[]> record) {
        Notification notification;
        byte[] body;
        try {
            notification = topic.valueDeserializer().deserialize(record.topic(), record.value());
            body = JSON.writeValueAsBytes(new LinkedHashMap<>(AvroJson.toMap(notification)));
        } catch (RuntimeException | JsonProcessingException e) {
            return deadLetter(record, DlqRecords.reasonOf(e), e);
        }
        CompletableFuture<?>[] outcomes = hooks.stream().map(hook -> {
            String id = deliveryId(notification, hook);
            return sent(hook, id, body).thenCompose(accepted -> accepted ? CompletableFuture.<Void>completedFuture(null)
                    : deadLetter(record, "webhook " + hook.name() + " refused delivery " + id + " after "
                    + hook.maxAttempts() + " attempts", null));
        }).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(outcomes);
    }

    private CompletableFuture<Boolean> sent(WebhookConfig hook, String id, byte[] body) {
        try {
            return dispatch.deliver(hook, id, body);
        } catch (RuntimeException e) {
            LOG.warn("Webhook {} could not send delivery {}: {}", hook.name(), id, e.toString());
            return CompletableFuture.completedFuture(false);
        }
    }

    /** The id receivers de-duplicate on: one per notification and webhook, the same on every attempt. */
    static String deliveryId(Notification notification, WebhookConfig hook) {
        return notification.getNotificationId() + ":" + hook.name();
    }

    /** Writes the original record to the DLQ; completes when the brokers acknowledged it. */
    private CompletableFuture<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        LOG.warn("{}: sending record {}-{}@{} to the DLQ: {}", service, record.topic(), record.partition(),
                record.offset(), reason);
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            DlqRecords.Source source = new DlqRecords.Source(record.topic(), record.partition(), record.offset());
            dlq.send(DlqRecords.toDlq(source, record.key(), record.value(), record.headers(), service, reason, error),
                    (metadata, failure) -> {
                        if (failure != null) {
                            acked.completeExceptionally(failure);
                        } else {
                            acked.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
