package io.aegis.router.messaging;

import io.aegis.kafka.topic.Topic;
import io.aegis.schema.routing.SharingPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Function;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.router.domain.PolicyVersions;
import io.aegis.schema.signal.InboxEvent;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads and writes the compacted {@code aegis.policies} topic with plain Kafka clients: the latest
 * policy per country (read to the end offsets), and acknowledged (acks=all, idempotent) publication.
 */
public final class PolicyTopic {

    private final Topic<String, SharingPolicy> topic;
    private final Function<String, Topic<String, InboxEvent>> inboxes;
    private final Map<String, Object> clientConfig;
    private final Duration timeout;

    public PolicyTopic(Topic<String, SharingPolicy> topic, Map<String, Object> clientConfig, Duration timeout) {
        this(topic, null, clientConfig, timeout);
    }

    /** @param inboxes the inbox topic of a country, to answer it on publication; null to write the policy only */
    public PolicyTopic(Topic<String, SharingPolicy> topic, Function<String, Topic<String, InboxEvent>> inboxes,
                       Map<String, Object> clientConfig, Duration timeout) {
        this.topic = topic;
        this.inboxes = inboxes;
        this.clientConfig = Map.copyOf(clientConfig);
        this.timeout = timeout;
    }

    /** The latest policy per country, as the topic holds it now. */
    public Map<String, SharingPolicy> latest() {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "aegis-router-policy-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, SharingPolicy> latest = new HashMap<>();
        try (KafkaConsumer<String, SharingPolicy> consumer =
                     new KafkaConsumer<>(props, topic.keyDeserializer(), topic.valueDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + topic.name() + " to its end");
                }
                for (ConsumerRecord<String, SharingPolicy> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return latest;
    }

    /**
     * Publishes and waits for the broker's acknowledgement; when an inbox topic is given, also
     * tells the country on its inbox that this version is now in force (as the router answers a
     * policy submitted on an outbox), so its node shows the policy loaded from a file.
     */
    public void publish(SharingPolicy policy) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            Future<?> policyWrite = producer.send(new ProducerRecord<>(topic.name(),
                    topic.keySerializer().serialize(topic.name(), policy.getCountry()),
                    topic.valueSerializer().serialize(topic.name(), policy)));
            Future<?> answer = null;
            if (inboxes != null) {
                Topic<String, InboxEvent> inbox = inboxes.apply(policy.getCountry());
                InboxEvent status = new InboxEvent(PolicyVersions.answer(policy.getCountry(), policy, List.of(),
                        policy.getUpdatedBy(), policy.getUpdatedAt()));
                answer = producer.send(new ProducerRecord<>(inbox.name(),
                        inbox.keySerializer().serialize(inbox.name(), TopicNames.POLICY_KEY),
                        inbox.valueSerializer().serialize(inbox.name(), status)));
            }
            policyWrite.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer != null) {
                answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing policy " + policy.getCountry(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish policy " + policy.getCountry() + " v" + policy.getVersion(), e);
        }
    }
}
