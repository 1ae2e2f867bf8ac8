package io.aegis.devstack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka clients of a running devstack built from {@code var/devstack.json} alone, as an
 * independent member's tooling would build them: the broker address, the SASL mechanism and
 * a principal's login. Used to prove what each principal may and may not do.
 */
final class SecuredBroker {

    private final Map<String, Object> descriptor;

    SecuredBroker(Map<String, Object> descriptor) {
        this.descriptor = descriptor;
    }

    /** Client properties of a login entry ({@code {"principal", "password"}}) of the descriptor. */
    @SuppressWarnings("unchecked")
    Map<String, Object> client(Map<String, Object> login) {
        Map<String, Object> security = (Map<String, Object>) descriptor.get("kafkaSecurity");
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, descriptor.get("broker"));
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, security.get("protocol"));
        props.put("sasl.mechanism", security.get("mechanism"));
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + login.get("principal") + "\" password=\"" + login.get("password") + "\";");
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return props;
    }

    /** Sends one record; returns the failure's cause, or null when the broker accepted it. */
    static Throwable produce(Map<String, Object> client, String topic) throws InterruptedException {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "probe".getBytes(), "probe".getBytes())).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (AuthorizationException e) {
            return e;
        } catch (java.util.concurrent.TimeoutException e) {
            return e;
        }
    }

    /** Reads a topic from the beginning (assigned, no group); returns the authorization error, or null once a poll succeeds. */
    static Throwable read(Map<String, Object> client, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.poll(Duration.ofSeconds(5));
            consumer.position(new TopicPartition(topic, 0), Duration.ofSeconds(10));
            return null;
        } catch (AuthorizationException e) {
            return e;
        }
    }

    /** The sum of the end offsets of every partition of each topic, read with a client that may describe them. */
    static Map<String, Long> endOffsets(Map<String, Object> client, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(client)) {
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                    description.partitions().forEach(p -> wanted.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            Map<String, Long> offsets = new HashMap<>();
            admin.listOffsets(wanted).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> offsets.merge(partition.topic(), info.offset(), Long::sum));
            return offsets;
        }
    }
}
