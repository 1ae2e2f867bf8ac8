package io.aegis.node.messaging;

import com.sun.net.httpserver.HttpServer;
import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class AckedWriterTest {

    static final Duration PRODUCE_TIMEOUT = Duration.ofSeconds(1);
    final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    HttpServer registry;
    AckedWriter writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.close();
        }
        if (registry != null) {
            registry.stop(0);
        }
    }

    static Receipt receipt() {
        return Receipt.newBuilder().setSignalId("s-1").setCountry("FR").setKind(ReceiptKind.DELIVERED)
                .setAt(Instant.now()).setNodeId("node-FR").build();
    }

    Topic<String, Receipt> receipts(String registryUrl) {
        writer = new AckedWriter(producer, PRODUCE_TIMEOUT, registryUrl);
        return new Topics(new SerdeFactory(new HttpSchemaRegistryClient(registryUrl))).receipts();
    }

    static Throwable failure(CompletableFuture<?> write) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> write.get(30, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void shouldAnswerRegistryUnavailableNamingTheRegistryAndProduceNothingWhenItRefusesConnections() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        Topic<String, Receipt> topic = receipts(url);
        Receipt receipt = receipt();

        long start = System.nanoTime();
        Throwable error = failure(writer.write(topic, "s-1", receipt));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertInstanceOf(RegistryUnavailableException.class, error);
        assertEquals(url, ((RegistryUnavailableException) error).registry());
        assertTrue(error.getMessage().contains(url), error.getMessage());
        assertTrue(took.compareTo(PRODUCE_TIMEOUT.plusMillis(500)) < 0, "answered after " + took);
        assertTrue(producer.history().isEmpty());
    }

    @Test
    void shouldGiveUpAtTheProduceTimeoutOnAHangingRegistryAndNeverProduceWhenItAnswersLater() throws Exception {
        // Given a registry that accepts connections but answers only when released
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        registry.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"id\": 7}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            answered.incrementAndGet();
        });
        registry.start();
        String url = "http://127.0.0.1:" + registry.getAddress().getPort();
        Topic<String, Receipt> topic = receipts(url);
        Receipt receipt = receipt();

        // When a write needs the registry
        long start = System.nanoTime();
        Throwable error = failure(writer.write(topic, "s-1", receipt));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Then it is refused as a registry outage within the produce timeout (the client alone would retry ~20 s)
        assertInstanceOf(RegistryUnavailableException.class, error);
        assertTrue(error.getMessage().contains(url), error.getMessage());
        assertTrue(took.compareTo(PRODUCE_TIMEOUT.plusMillis(500)) < 0, "answered after " + took);

        // And when the registry answers afterwards, the refused record is still never produced
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.get() >= 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> producer.history().isEmpty());
        writer.write(topic, "s-2", receipt()).get(10, TimeUnit.SECONDS);
        assertEquals(1, producer.history().size());
        assertEquals("s-2", producer.history().get(0).key());
    }

    @Test
    void shouldWriteOnceAcknowledged() throws Exception {
        writer = new AckedWriter(producer, PRODUCE_TIMEOUT, "in-memory");
        Topic<String, Receipt> topic = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient())).receipts();

        writer.write(topic, "s-1", receipt()).get(10, TimeUnit.SECONDS);
        writer.write(topic, "s-2", receipt()).get(10, TimeUnit.SECONDS);

        assertEquals(2, producer.history().size());
    }
}
