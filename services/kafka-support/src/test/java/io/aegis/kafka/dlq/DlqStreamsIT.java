package io.aegis.kafka.dlq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.kafka.fixtures.ContractSamples;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Streams DLQ handler in an exactly-once application on a real broker. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@WithKafka(brokers = 1)
class DlqStreamsIT {

    private static final String OUT = "it.receipts.out";

    @Test
    void shouldCommitABadRecordToTheDlqInsideTheTransactionAndProcessTheNext(KafkaCluster kafka,
                                                                             @TempDir Path stateDir) throws Exception {
        // given an exactly-once stream app over receipts with the DLQ handlers installed
        ContractSamples.all();
        kafka.createTopic(TopicNames.RECEIPTS, 1, 1);
        kafka.createTopic(OUT, 1, 1);
        kafka.createTopic(TopicNames.DLQ, 1, 1);
        Topics topics = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient()));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TopicNames.RECEIPTS, topics.receipts().consumed()).to(OUT, topics.receipts().produced());
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        byte[] good = topics.receipts().valueSerializer().serialize(TopicNames.RECEIPTS,
                new Receipt("sig-2", "DE", ReceiptKind.DELIVERED, ContractSamples.AT, null));

        try (KafkaStreams streams = new KafkaStreams(builder.build(), new StreamsConfig(streamsConfig(kafka, stateDir)));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            streams.start();

            // when a bad record and then a good one arrive
            producer.send(new ProducerRecord<>(TopicNames.RECEIPTS, bytes("sig-1"), garbage)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(TopicNames.RECEIPTS, bytes("sig-2"), good)).get(30, TimeUnit.SECONDS);

            // then committed reads see the bad one on the DLQ with its headers, the good one on the output
            ConsumerRecord<byte[], byte[]> dead = readOne(kafka, TopicNames.DLQ);
            assertArrayEquals(garbage, dead.value());
            assertEquals("aegis-dlq-it", DlqRecords.header(dead.headers(), DlqHeaders.SERVICE));
            assertEquals(TopicNames.RECEIPTS, DlqRecords.header(dead.headers(), DlqHeaders.SOURCE_TOPIC));
            assertEquals("0", DlqRecords.header(dead.headers(), DlqHeaders.SOURCE_OFFSET));
            assertArrayEquals(good, readOne(kafka, OUT).value());
        }
    }

    private static Map<String, Object> streamsConfig(KafkaCluster kafka, Path stateDir) {
        Map<String, Object> config = new HashMap<>();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "aegis-dlq-it");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        DlqHandlerConfig.install(config);
        return config;
    }

    private static ConsumerRecord<byte[], byte[]> readOne(KafkaCluster kafka, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("it-" + topic))) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        assertEquals(1, records.size());
        return records.get(0);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
