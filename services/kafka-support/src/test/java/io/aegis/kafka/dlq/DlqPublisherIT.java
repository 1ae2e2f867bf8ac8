package io.aegis.kafka.dlq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@WithKafka(brokers = 1)
class DlqPublisherIT {

    @Test
    void shouldPublishTheOriginalBytesWithReasonSourceAndServiceHeaders(KafkaCluster kafka) throws Exception {
        kafka.createTopic("aegis.outbox.FR", 1, 1);
        kafka.createTopic(TopicNames.DLQ, 1, 1);
        byte[] key = "sig-1".getBytes(StandardCharsets.UTF_8);
        byte[] value = {0, 0, 0, 0, 7, 42};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            // given a record on an outbox, as a consumer reads it
            RecordMetadata source = producer.send(new ProducerRecord<>("aegis.outbox.FR", key, value)).get(30, TimeUnit.SECONDS);
            ConsumerRecord<byte[], byte[]> read = readOne(kafka, "aegis.outbox.FR", "reader");

            // when the router rejects it
            new DlqPublisher(producer, "aegis-router")
                    .publish(read, "signature of signal sig-1 does not verify with key 'default' of origin FR")
                    .get(30, TimeUnit.SECONDS);

            // then the DLQ holds the same bytes and says why, from where and who
            ConsumerRecord<byte[], byte[]> dead = readOne(kafka, TopicNames.DLQ, "operator");
            assertArrayEquals(key, dead.key());
            assertArrayEquals(value, dead.value());
            assertEquals("signature of signal sig-1 does not verify with key 'default' of origin FR",
                    DlqRecords.header(dead.headers(), DlqHeaders.REASON));
            assertEquals("aegis.outbox.FR", DlqRecords.header(dead.headers(), DlqHeaders.SOURCE_TOPIC));
            assertEquals(Integer.toString(source.partition()),
                    DlqRecords.header(dead.headers(), DlqHeaders.SOURCE_PARTITION));
            assertEquals(Long.toString(source.offset()), DlqRecords.header(dead.headers(), DlqHeaders.SOURCE_OFFSET));
            assertEquals("aegis-router", DlqRecords.header(dead.headers(), DlqHeaders.SERVICE));
        }
    }

    private static ConsumerRecord<byte[], byte[]> readOne(KafkaCluster kafka, String topic, String group) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps(group))) {
            // assigned, not subscribed: no group rebalance to wait for
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        assertEquals(1, records.size());
        return records.get(0);
    }
}
