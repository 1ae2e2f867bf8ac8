package io.aegis.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.NodeConfig;
import io.aegis.testsupport.fixtures.Signals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Read your own writes: a signal Kafka acknowledged is found before the own-signals store has read it back. */
class SignalPublisherTest {

    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private final SignalPublisher publisher;

    SignalPublisherTest() {
        NodeConfig config = new NodeConfig("FR", "anssi", Ed25519.encodePrivate(Ed25519.generate().getPrivate()), "fr-1",
                Duration.ofSeconds(3), Duration.ofMinutes(5), 1000, Duration.ofHours(1), 100, false, Duration.ofMillis(250));
        publisher = new SignalPublisher(new NodeIdentity(config), new Topics(new SerdeFactory(new InMemorySchemaRegistryClient())),
                new AckedWriter(producer, config.produceTimeout(), "in-memory"), new SimpleMeterRegistry());
    }

    /** The key of the record the writer handed to Kafka (it sends from its own thread). */
    private String sent() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !producer.history().isEmpty());
        return producer.history().get(0).key();
    }

    @Test
    void shouldRememberASignalOnceKafkaAcknowledgedIt() throws Exception {
        var accepted = publisher.publish(Signals.content().build());
        String id = sent();
        assertTrue(publisher.recentlyPublished(id).isEmpty(), "known before Kafka acknowledged it");

        producer.completeNext();

        assertEquals(id, accepted.get(10, TimeUnit.SECONDS).id());
        assertEquals(id, publisher.recentlyPublished(id).orElseThrow().getId());
        assertEquals("FR", publisher.recentlyPublished(id).orElseThrow().getOriginCountry());
    }

    @Test
    void shouldNotRememberASignalKafkaRefused() {
        var refused = publisher.publish(Signals.content().build());
        String id = sent();

        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));

        assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
        assertTrue(publisher.recentlyPublished(id).isEmpty());
    }
}
