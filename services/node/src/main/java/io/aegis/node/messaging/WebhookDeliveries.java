package io.aegis.node.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aegis.kafka.dlq.DlqRecords;
import io.aegis.node.config.WebhookConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers one record (a notification, or an inbox event) to every webhook subscribed to its event.
 * Invariant: the returned future completes normally only once each of those webhooks accepted it or
 * the record was dead-lettered for it and the DLQ write was acknowledged by the brokers; it completes
 * exceptionally when a DLQ write failed, so the caller must not commit the record's offset.
 * Undecodable records go to the DLQ the same way; a record that is no webhook event completes at once.
 */
final class WebhookDeliveries {

    /** Sends one body to one webhook; completes with whether the webhook accepted it. */
    interface Dispatch {
        CompletableFuture<Boolean> deliver(WebhookConfig hook, String deliveryId, byte[] body);
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final List<WebhookConfig> hooks;
    private final Dispatch dispatch;
    private final WebhookMessages.Decoder decoder;
    private final DeadLetters deadLetters;

    WebhookDeliveries(List<WebhookConfig> hooks, Dispatch dispatch, WebhookMessages.Decoder decoder,
                      Producer<byte[], byte[]> dlq, String service) {
        this.hooks = List.copyOf(hooks);
        this.dispatch = dispatch;
        this.decoder = decoder;
        this.deadLetters = new DeadLetters(dlq, service);
    }

    CompletableFuture<Void> deliver(ConsumerRecord<byte[], byte[]> record) {
        Optional<WebhookMessages.Message> decoded;
        try {
            decoded = decoder.decode(record);
        } catch (RuntimeException | JsonProcessingException e) {
            return deadLetter(record, DlqRecords.reasonOf(e), e);
        }
        if (decoded.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        WebhookMessages.Message message = decoded.get();
        CompletableFuture<?>[] outcomes = hooks.stream().filter(hook -> hook.receives(message.event())).map(hook -> {
            String id = deliveryId(message, hook);
            return sent(hook, id, message.body()).thenCompose(accepted -> accepted ? CompletableFuture.<Void>completedFuture(null)
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

    /** The id receivers de-duplicate on: one per message and webhook, the same on every attempt. */
    static String deliveryId(WebhookMessages.Message message, WebhookConfig hook) {
        return message.id() + ":" + hook.name();
    }

    /** Writes the original record to the DLQ; completes when the brokers acknowledged it. */
    private CompletableFuture<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        return deadLetters.send(record, reason, error);
    }
}
