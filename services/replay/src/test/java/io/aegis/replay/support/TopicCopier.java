package io.aegis.replay.support;

import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.messaging.KafkaAccess;
import io.aegis.replay.messaging.ProgressReporter;
import io.aegis.replay.messaging.RawRecord;
import io.aegis.replay.messaging.TopicRangeReader;
import io.aegis.testsupport.kafka.KafkaCluster;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * Copies topics into another namespace record by record, keeping partitions, timestamps, keys and
 * headers, and lets a test rewrite or drop chosen records on the way: a tampered copy of the evidence.
 */
public final class TopicCopier {

    private final KafkaCluster cluster;

    public TopicCopier(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Copies every {@code aegis.*} topic to {@code prefix + name}; {@code edit} may return a changed
     * record or null to drop it.
     */
    public void copyAll(String prefix, UnaryOperator<RawRecord> edit) {
        try (KafkaAccess kafka = new KafkaAccess(Map.of("bootstrap.servers", cluster.bootstrapServers()));
             TopicRangeReader reader = new TopicRangeReader(kafka, ProgressReporter.NONE)) {
            List<String> sources = kafka.listTopics(name -> name.startsWith("aegis."));
            List<NewTopic> targets = new ArrayList<>();
            sources.forEach(topic -> targets.add(new NewTopic(prefix + topic, kafka.partitionsOf(topic).size(), (short) 1)));
            ScenarioProducer.createTopics(cluster, targets);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producerProps())) {
                for (String topic : sources) {
                    for (RawRecord record : reader.readAll(topic, TimeRange.ALL)) {
                        RawRecord edited = edit.apply(record);
                        if (edited != null) {
                            send(producer, prefix + topic, edited);
                        }
                    }
                }
            }
        }
    }

    public static void send(KafkaProducer<byte[], byte[]> producer, String topic, RawRecord record) {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        record.headers().forEach(header -> headers.add(new RecordHeader(header.key(), header.value())));
        try {
            producer.send(new ProducerRecord<>(topic, record.partition(), record.timestamp(), record.key(),
                    record.value(), headers)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot copy " + record.coordinates() + " to " + topic, e);
        }
    }
}
