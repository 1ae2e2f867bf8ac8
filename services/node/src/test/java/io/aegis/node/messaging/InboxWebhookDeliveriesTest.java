package io.aegis.node.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.WebhookConfig;
import io.aegis.node.config.WebhookEvent;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.testsupport.fixtures.Signals;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxWebhookDeliveriesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final Topic<String, InboxEvent> topic = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient())).inbox("DE");
    final MockProducer<byte[], byte[]> dlq = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    final WebhookConfig everything = WebhookDeliveriesTest.hook("siem", WebhookEvent.SIGNAL, WebhookEvent.RETRACTED, WebhookEvent.DOWNGRADED);
    final WebhookConfig withdrawalsOnly = WebhookDeliveriesTest.hook("legal", WebhookEvent.RETRACTED);
    final WebhookConfig officers = WebhookDeliveriesTest.hook("pager");
    record Sent(String hook, String id, byte[] body) {
    }
    final List<Sent> sent = new ArrayList<>();
    final WebhookDeliveries deliveries = new WebhookDeliveries(List.of(everything, withdrawalsOnly, officers), (hook, id, body) -> {
        sent.add(new Sent(hook.name(), id, body));
        return CompletableFuture.completedFuture(true);
    }, WebhookMessages.inbox(topic, "DE"), dlq, "aegis-node-DE");

    ConsumerRecord<byte[], byte[]> record(InboxEvent event) {
        return new ConsumerRecord<>(topic.name(), 0, 7, "s1".getBytes(StandardCharsets.UTF_8),
                topic.valueSerializer().serialize(topic.name(), event));
    }

    static SharedSignal anonymousCopy(String destination) {
        return SharedSignal.newBuilder().setSignalId("s1").setDestination(destination).setAttribution(Attribution.ANONYMOUS)
                .setSubmittedAt(Instant.EPOCH).setSharedAt(Instant.EPOCH).setContent(Signals.content().build())
                .setContentHash("sha256:abc").setPolicyVersion(1).setDecisionId("d1").build();
    }

    @Test
    void shouldSendEachInboxEventOnlyToTheWebhooksSubscribedToIt() throws Exception {
        deliveries.deliver(record(new InboxEvent(anonymousCopy("DE")))).join();
        deliveries.deliver(record(new InboxEvent(Signals.retraction("s1", "FR").build()))).join();

        assertEquals(List.of("s1:signal:siem", "s1:retracted:siem", "s1:retracted:legal"), sent.stream().map(Sent::id).toList());
        JsonNode retracted = JSON.readTree(sent.get(1).body());
        assertEquals("retracted", retracted.get("event").asText());
        assertEquals("RETRACTED", retracted.get("status").asText());
        assertEquals("false positive", retracted.get("reason").asText());
        assertTrue(dlq.history().isEmpty());
    }

    @Test
    void shouldNameNothingOfTheOriginInAWithdrawalEvenWhenTheNoticeDoes() throws Exception {
        // why: the notice follows the origin's attribution at retraction time; the copy may have been anonymous
        deliveries.deliver(record(new InboxEvent(Signals.retraction("s1", "FR").setKind(RetractionKind.DOWNGRADE)
                .setNewTlp(Tlp.RED).build()))).join();

        JsonNode downgraded = JSON.readTree(sent.get(0).body());
        assertEquals("downgraded", downgraded.get("event").asText());
        assertEquals("RED", downgraded.get("tlp").asText());
        assertFalse(downgraded.has("originCountry") || downgraded.has("originAgency"), downgraded.toString());
        assertFalse(new String(sent.get(0).body(), StandardCharsets.UTF_8).contains("FR"));
    }

    @Test
    void shouldCompleteAtOnceForInboxRecordsThatAreNoWebhookEvent() {
        CompletableFuture<Void> receipt = deliveries.deliver(record(new InboxEvent(Receipt.newBuilder().setSignalId("s1")
                .setCountry("JP").setKind(ReceiptKind.DELIVERED).setAt(Instant.EPOCH).build())));
        CompletableFuture<Void> foreignCopy = deliveries.deliver(record(new InboxEvent(anonymousCopy("JP"))));

        assertTrue(receipt.isDone() && foreignCopy.isDone());
        assertTrue(sent.isEmpty());
        assertTrue(dlq.history().isEmpty());
    }
}
