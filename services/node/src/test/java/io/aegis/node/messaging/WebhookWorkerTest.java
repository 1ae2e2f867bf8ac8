package io.aegis.node.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class WebhookWorkerTest {

    final WebhookWorkerStatus status = new WebhookWorkerStatus();

    @Test
    void shouldReSubscribeWithAFreshConsumerAfterAnErrorAndReportTheRecovery() throws Exception {
        // Given a first consumer whose poll fails (a commit or poll error in production), and a healthy second one
        MockConsumer<byte[], byte[]> broken = new MockConsumer<>("earliest");
        broken.setPollException(new KafkaException("coordinator gone"));
        MockConsumer<byte[], byte[]> healthy = new MockConsumer<>("earliest");
        Queue<Consumer<byte[], byte[]>> consumers = new ArrayDeque<>(List.of(broken, healthy));
        WebhookWorker worker = new WebhookWorker(consumers::remove, "aegis.notify.FR",
                record -> CompletableFuture.completedFuture(null), Duration.ofMillis(50), status);
        Thread thread = new Thread(worker);

        // When the worker runs
        thread.start();

        // Then it records the failure, closes the broken consumer and carries on with a new one
        await().atMost(Duration.ofSeconds(10)).until(() -> status.restarts() == 1
                && status.state() == WebhookWorkerStatus.State.RUNNING && consumers.isEmpty());
        assertTrue(broken.closed());
        assertTrue(status.healthy());
        assertTrue(String.valueOf(status.details().get("lastError")).contains("coordinator gone"));
        assertEquals(List.of("aegis.notify.FR"), List.copyOf(healthy.subscription()));

        worker.stop();
        thread.join(5_000);
        assertFalse(thread.isAlive());
        assertEquals(WebhookWorkerStatus.State.STOPPED, status.state());
        assertTrue(healthy.closed());
    }

    @Test
    void shouldReportRecoveringAsUnhealthy() {
        status.running();
        status.failed(new KafkaException("boom"));

        assertFalse(status.healthy());
        assertEquals("RECOVERING", status.details().get("state"));
        assertEquals(io.micronaut.health.HealthStatus.DOWN, WebhookWorkerHealthIndicator.result("webhooks", true, status).getStatus());
    }
}
