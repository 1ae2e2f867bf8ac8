package io.aegis.testsupport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@WithKafka(brokers = 3, autoCreateTopics = false)
class InProcessKafkaClusterIT {

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenOneOfThreeBrokersStops(KafkaCluster kafka) throws Exception {
        // given a topic replicated on all three brokers
        kafka.createTopic("it.replicated", 3, 3);
        assertTrue(kafka.topicNames().contains("it.replicated"));

        // when records are acknowledged before and while broker 1 is down, and it comes back
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            for (int i = 0; i < 50; i++) {
                producer.send(record(i)).get(30, TimeUnit.SECONDS);
            }
            kafka.stopBroker(1);
            for (int i = 50; i < 100; i++) {
                producer.send(record(i)).get(30, TimeUnit.SECONDS);
            }
            kafka.restartBroker(1);
        }

        // then all 100 are readable, each once
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("it-reader"))) {
            consumer.subscribe(List.of("it.replicated"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
                return values.size() >= 100;
            });
        }
        assertEquals(100, values.size());
        assertEquals(100, values.stream().distinct().count());
    }

    @Test
    void shouldRefuseUnknownBrokerIdsByName(KafkaCluster kafka) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> kafka.stopBroker(7));
        assertTrue(e.getMessage().contains("no broker 7"), e.getMessage());
    }

    private static ProducerRecord<byte[], byte[]> record(int i) {
        return new ProducerRecord<>("it.replicated", ("k" + i).getBytes(StandardCharsets.UTF_8),
                ("v" + i).getBytes(StandardCharsets.UTF_8));
    }
}
