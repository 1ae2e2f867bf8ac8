package io.aegis.response.messaging;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.testsupport.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

/**
 * The workflow's topics on a real broker, seen from outside: produces escalations and commands as
 * the escalation service and nodes do, and collects what the workflow wrote (committed reads only).
 */
final class WorkflowTopics implements AutoCloseable {

    static final List<String> MEMBERS = List.of("BR", "DE", "FR", "JP", "KE");

    final List<Notification> notifications = new ArrayList<>();
    final List<CaseEvent> events = new ArrayList<>();
    final Map<String, EmergencyCase> cases = new LinkedHashMap<>();
    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;

    WorkflowTopics(KafkaCluster kafka, SerdeFactory serdes, String readerGroup) {
        this.topics = new Topics(serdes);
        this.producer = new KafkaProducer<>(kafka.producerProps());
        this.consumer = new KafkaConsumer<>(kafka.consumerProps(readerGroup));
        List<String> outputs = new ArrayList<>(List.of(TopicNames.CASES, TopicNames.CASE_EVENTS));
        MEMBERS.forEach(country -> outputs.add(TopicNames.notify(country)));
        consumer.subscribe(outputs);
    }

    /**
     * Creates every topic the workflow reads and writes in one admin call, then waits until each
     * partition has a leader (metadata may lag the creation, so lookups are retried).
     */
    static void createTopics(KafkaCluster kafka) {
        List<NewTopic> topics = new ArrayList<>(List.of(new NewTopic(TopicNames.ESCALATIONS, 3, (short) 1),
                new NewTopic(TopicNames.CASES, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(TopicNames.CASE_EVENTS, 3, (short) 1),
                // the service's own loop of case folds: at least aegis.response.partitions (6) partitions
                new NewTopic(io.aegis.response.topology.ResponseTopology.FOLDS_TOPIC, 6, (short) 1)));
        for (String country : MEMBERS) {
            topics.add(new NewTopic(TopicNames.commands(country), 2, (short) 1));
            topics.add(new NewTopic(TopicNames.notify(country), 2, (short) 1));
        }
        List<String> names = topics.stream().map(NewTopic::name).toList();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            Awaitility.await("leaders of " + names).atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    admin.describeTopics(names).allTopicNames().get().values().stream()
                            .flatMap(description -> description.partitions().stream())
                            .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
        } catch (Exception e) {
            throw new AssertionError("could not create the workflow topics", e);
        }
    }

    void escalate(Escalation escalation) {
        send(TopicNames.ESCALATIONS, escalation.getCorrelationKey(),
                topics.escalations().valueSerializer().serialize(TopicNames.ESCALATIONS, escalation));
    }

    void command(String topicCountry, CaseCommand command) {
        String topic = TopicNames.commands(topicCountry);
        send(topic, command.getCaseId(), topics.commands(topicCountry).valueSerializer().serialize(topic, command));
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + topic, e);
        }
    }

    /** Polls until the condition holds, failing after {@code timeout}. */
    void awaitUntil(Duration timeout, BooleanSupplier condition) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            poll();
            return condition.getAsBoolean();
        });
    }

    long count(String kind) {
        return notifications.stream().filter(n -> n.getKind().name().equals(kind)).count();
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            String topic = record.topic();
            if (topic.equals(TopicNames.CASES)) {
                EmergencyCase kase = topics.cases().valueDeserializer().deserialize(topic, record.value());
                cases.put(kase.getCaseId(), kase);
            } else if (topic.equals(TopicNames.CASE_EVENTS)) {
                events.add(topics.caseEvents().valueDeserializer().deserialize(topic, record.value()));
            } else {
                notifications.add(topics.notify(TopicNames.countryOf(topic)).valueDeserializer().deserialize(topic, record.value()));
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
