package io.aegis.node.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.kafka.topic.Topic;
import io.aegis.node.config.WebhookEvent;
import io.aegis.node.domain.InboxEntries;
import io.aegis.schema.response.Notification;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a consumed record into what webhooks receive: its event, the id receivers de-duplicate on
 * (without the webhook's name) and the JSON body. Notifications keep the body they always had;
 * inbox events have the shapes of the inbox feed ({@link InboxEntries}, without the node-local
 * cursor), so a withdrawal names nothing of the origin, whatever the notice carried.
 */
final class WebhookMessages {

    /** One message for the webhooks subscribed to {@code event}. */
    record Message(WebhookEvent event, String id, byte[] body) {
    }

    /** Decodes a record; empty when no webhook event comes of it. Throws when it cannot be read (DLQ). */
    interface Decoder {
        Optional<Message> decode(ConsumerRecord<byte[], byte[]> record) throws JsonProcessingException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookMessages() {
    }

    /**
     * Notifications, each rendered by {@code render} (the node adds what its case is about as it holds the
     * case when the notification is delivered: {@link CaseAbout#notification}).
     */
    static Decoder notifications(Topic<String, Notification> topic, Function<Notification, Map<String, Object>> render) {
        return record -> {
            Notification notification = topic.valueDeserializer().deserialize(record.topic(), record.value());
            return Optional.of(new Message(WebhookEvent.NOTIFICATION, notification.getNotificationId(),
                    JSON.writeValueAsBytes(render.apply(notification))));
        };
    }

    /**
     * Signals shared with {@code country} and retraction or downgrade notices from its inbox; every
     * other inbox record (reports, receipts, policy answers, cases) is no webhook event.
     */
    static Decoder inbox(Topic<String, InboxEvent> topic, String country) {
        return record -> {
            InboxEvent event = topic.valueDeserializer().deserialize(record.topic(), record.value());
            Object payload = event == null ? null : event.getPayload();
            if (payload instanceof SharedSignal copy && country.equals(copy.getDestination())) {
                return Optional.of(message(WebhookEvent.SIGNAL, copy.getSignalId() + ":" + InboxEntries.SIGNAL,
                        InboxEntries.signal(null, copy, List.of())));
            }
            if (payload instanceof Retraction notice && notice.getKind() == RetractionKind.RETRACT) {
                return Optional.of(message(WebhookEvent.RETRACTED, notice.getSignalId() + ":" + InboxEntries.RETRACTED,
                        InboxEntries.withdrawal(null, notice)));
            }
            if (payload instanceof Retraction notice) {
                return Optional.of(message(WebhookEvent.DOWNGRADED, notice.getSignalId() + ":" + InboxEntries.DOWNGRADED
                        + ":" + notice.getIssuedAt().toEpochMilli(), InboxEntries.withdrawal(null, notice)));
            }
            return Optional.empty();
        };
    }

    private static Message message(WebhookEvent event, String id, Map<String, Object> body) throws JsonProcessingException {
        return new Message(event, id, JSON.writeValueAsBytes(body));
    }
}
