package io.aegis.node.messaging;

import io.aegis.kafka.dlq.DlqHeaders;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.WebhookConfig;
import io.aegis.node.config.WebhookEvent;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookDeliveriesTest {

    final Topic<String, Notification> topic = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient())).notify("FR");
    final MockProducer<byte[], byte[]> dlq = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    final WebhookConfig ops = hook("ops");
    final WebhookConfig pager = hook("pager");
    final Map<String, CompletableFuture<Boolean>> answers = Map.of("ops", new CompletableFuture<>(), "pager", new CompletableFuture<>());
    final List<String> deliveryIds = new ArrayList<>();
    final WebhookDeliveries deliveries = new WebhookDeliveries(List.of(ops, pager), (hook, id, body) -> {
        deliveryIds.add(id);
        return answers.get(hook.name());
    }, WebhookMessages.notifications(topic, io.aegis.node.domain.AvroJson::toMap), dlq, "aegis-node-FR");

    static WebhookConfig hook(String name, WebhookEvent... events) {
        return new WebhookConfig(name, "http://127.0.0.1:1/" + name, "secret", 3, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofSeconds(1), events.length == 0 ? Set.of(WebhookEvent.NOTIFICATION) : Set.of(events));
    }

    ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(topic.name(), 2, 41, "olivier".getBytes(StandardCharsets.UTF_8), value);
    }

    byte[] notification() {
        return topic.valueSerializer().serialize(topic.name(), Notification.newBuilder().setNotificationId("n-1")
                .setOfficerId("olivier").setCountry("FR").setCaseId("case-1").setKind(NotificationKind.ACK_REQUESTED)
                .setTier(Tier.SEVERE).setTitle("t").setMessage("m").setAsk("acknowledge").setCreatedAt(Instant.now()).build());
    }

    @Test
    void shouldCompleteOnlyWhenEveryWebhookAccepted() {
        CompletableFuture<Void> outcome = deliveries.deliver(record(notification()));

        answers.get("ops").complete(true);
        assertFalse(outcome.isDone());
        answers.get("pager").complete(true);

        assertTrue(outcome.isDone() && !outcome.isCompletedExceptionally());
        assertEquals(List.of("n-1:ops", "n-1:pager"), deliveryIds);
        assertTrue(dlq.history().isEmpty());
    }

    @Test
    void shouldWaitForTheBrokersToAcknowledgeTheDeadLetterBeforeCompleting() {
        CompletableFuture<Void> outcome = deliveries.deliver(record(notification()));

        answers.get("ops").complete(true);
        answers.get("pager").complete(false);

        // why: committing the offset before the DLQ write is acknowledged could lose the notification
        assertFalse(outcome.isDone());
        assertEquals(1, dlq.history().size());
        String reason = new String(dlq.history().get(0).headers().lastHeader(DlqHeaders.REASON).value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("webhook pager") && reason.contains("n-1:pager"), reason);
        dlq.completeNext();
        assertTrue(outcome.isDone() && !outcome.isCompletedExceptionally());
    }

    @Test
    void shouldFailWhenTheDeadLetterWriteFailsSoTheOffsetIsNotCommitted() {
        CompletableFuture<Void> outcome = deliveries.deliver(record(notification()));
        answers.get("ops").complete(false);
        answers.get("pager").complete(true);

        dlq.errorNext(new org.apache.kafka.common.errors.TimeoutException("no broker"));

        assertTrue(outcome.isCompletedExceptionally());
    }

    @Test
    void shouldDeadLetterAnUndecodableRecordWithItsOriginalBytes() {
        byte[] garbage = {0, 0, 0, 0, 42, 1, 2};

        CompletableFuture<Void> outcome = deliveries.deliver(record(garbage));

        assertTrue(deliveryIds.isEmpty());
        assertEquals(1, dlq.history().size());
        assertTrue(java.util.Arrays.equals(garbage, dlq.history().get(0).value()));
        assertFalse(outcome.isDone());
        dlq.completeNext();
        assertTrue(outcome.isDone());
    }
}
