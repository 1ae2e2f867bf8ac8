package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.node.domain.WebhookSignature;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook worker with a receiver that refuses for much longer than the consumer's
 * max.poll.interval.ms: the notification is still delivered, its offset committed after the
 * receiver accepted, and the worker carries on with the next one, healthy and never restarted.
 */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookWorkerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration REFUSE_FOR = Duration.ofSeconds(6);

    final List<String> accepted = new CopyOnWriteArrayList<>();
    final AtomicLong firstCall = new AtomicLong();
    HttpServer receiver;
    NodeHarness node;

    @BeforeAll
    void start(KafkaCluster kafka) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Down for the first six seconds after the first call, then up
        receiver.createContext("/sluggish", exchange -> {
            exchange.getRequestBody().readAllBytes();
            firstCall.compareAndSet(0, System.nanoTime());
            boolean up = System.nanoTime() - firstCall.get() > REFUSE_FOR.toNanos();
            if (up) {
                accepted.add(exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER));
            }
            exchange.sendResponseHeaders(up ? 204 : 503, -1);
            exchange.close();
        });
        receiver.start();
        node = new NodeHarness(kafka, Map.of(
                "aegis.node.webhooks.sluggish.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/sluggish",
                "aegis.node.webhooks.sluggish.secret", "secret",
                "aegis.node.webhooks.sluggish.max-attempts", 60,
                "aegis.node.webhooks.sluggish.initial-backoff", "100ms",
                "aegis.node.webhooks.sluggish.max-backoff", "300ms",
                // far below the receiver's outage: a loop that blocked on deliveries would be evicted
                "aegis.node.webhook-worker.max-poll-interval", "2s",
                "aegis.node.webhook-worker.retry-backoff", "500ms"));
    }

    @AfterAll
    void stop() {
        node.close();
        receiver.stop(0);
    }

    Notification notification() {
        return Notification.newBuilder().setNotificationId("n-" + UUID.randomUUID()).setOfficerId("olivier").setCountry("FR")
                .setCaseId("case-9").setKind(NotificationKind.ACK_REQUESTED).setTier(Tier.SEVERE).setTitle("t")
                .setMessage("m").setAsk("acknowledge").setCreatedAt(Instant.now()).build();
    }

    long committed() throws Exception {
        try (Admin admin = node.kafka.admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("aegis-node-FR-webhooks").partitionsToOffsetAndMetadata()
                    .get().get(new TopicPartition(TopicNames.notify("FR"), 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    JsonNode webhooksHealth() throws IOException {
        // health details are shown to known users only
        return JSON.readTree(node.get("/health", NodeHarness.OPERATOR).body()).at("/details/webhooks");
    }

    @Test
    void shouldDeliverThroughAnOutageLongerThanThePollIntervalAndCarryOn() throws Exception {
        Notification first = notification();
        node.produce(node.topics.notify("FR"), "olivier", first);

        // While the receiver refuses, the delivery is in flight and nothing is committed
        await().atMost(Duration.ofSeconds(30)).until(() -> firstCall.get() != 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooksHealth().at("/details/inFlight").asInt() == 1);
        assertEquals(0, committed());

        // Then the first notification gets through once the receiver is back, and is committed
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.contains(first.getNotificationId() + ":sluggish"));
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 1);

        // And the worker is still there for the next one
        Notification second = notification();
        node.produce(node.topics.notify("FR"), "olivier", second);
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.contains(second.getNotificationId() + ":sluggish"));
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() == 2);
        JsonNode health = webhooksHealth();
        assertEquals("UP", health.at("/status").asText(), health.toString());
        assertEquals(0, health.at("/details/restarts").asInt(), health.toString());
        assertEquals("RUNNING", health.at("/details/state").asText());
        assertTrue(node.get("/prometheus", NodeHarness.OPERATOR).body().contains("aegis_node_webhook_worker_up 1.0"));
    }
}
