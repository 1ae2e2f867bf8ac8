package io.aegis.replay.support;

import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.testsupport.kafka.KafkaCluster;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Writes the scenario onto a real cluster under a topic prefix, with the Confluent-format serdes
 * the services use and each record's business time as its timestamp.
 */
public final class ScenarioProducer {

    private final KafkaCluster cluster;
    private final SerdeFactory serdes;
    private final String prefix;

    public ScenarioProducer(KafkaCluster cluster, SchemaRegistryClient registry, String prefix) {
        this.cluster = cluster;
        this.serdes = new SerdeFactory(registry);
        this.prefix = prefix;
    }

    public void produce(Scenario scenario) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(prefix + TopicNames.ROUTING_AUDIT, 2, (short) 1));
        for (String topic : List.of(TopicNames.COORDINATION_SIGNALS, TopicNames.ESCALATIONS, TopicNames.CASES,
                TopicNames.CASE_EVENTS, TopicNames.RECEIPTS, TopicNames.POLICIES, TopicNames.outbox("FR"), TopicNames.outbox("DE"),
                TopicNames.outbox("JP"), TopicNames.inbox("DE"), TopicNames.inbox("FR"), TopicNames.notify("FR"),
                TopicNames.notify("DE"), TopicNames.commands("FR"), TopicNames.commands("DE"))) {
            topics.add(new NewTopic(prefix + topic, 1, (short) 1));
        }
        createTopics(cluster, topics);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(cluster.producerProps())) {
            outbox(producer, "FR", scenario.s1);
            outbox(producer, "DE", scenario.s2);
            outbox(producer, "JP", scenario.s3);
            send(producer, TopicNames.ROUTING_AUDIT, 0, scenario.auditPartition0, RoutingDecision::getSignalId, RoutingDecision::getDecidedAt);
            send(producer, TopicNames.ROUTING_AUDIT, 1, scenario.auditPartition1, RoutingDecision::getSignalId, RoutingDecision::getDecidedAt);
            inbox(producer, "DE", scenario.inboxDe);
            inbox(producer, "FR", scenario.inboxFr);
            send(producer, TopicNames.COORDINATION_SIGNALS, 0, scenario.coordination, c -> Scenario.GROUP, CoordinationSignal::getSubmittedAt);
            send(producer, TopicNames.ESCALATIONS, 0, List.of(scenario.escalation), Escalation::getCorrelationKey, Escalation::getEscalatedAt);
            send(producer, TopicNames.CASES, 0, List.of(scenario.emergencyCase), EmergencyCase::getCaseId, EmergencyCase::getUpdatedAt);
            send(producer, TopicNames.CASE_EVENTS, 0, scenario.caseEvents, CaseEvent::getCaseId, CaseEvent::getAt);
            send(producer, TopicNames.notify("FR"), 0, scenario.notifyFr, Notification::getOfficerId, Notification::getCreatedAt);
            send(producer, TopicNames.notify("DE"), 0, scenario.notifyDe, Notification::getOfficerId, Notification::getCreatedAt);
            send(producer, TopicNames.commands("FR"), 0, scenario.commandsFr, CaseCommand::getCaseId, CaseCommand::getIssuedAt);
            send(producer, TopicNames.commands("DE"), 0, scenario.commandsDe, CaseCommand::getCaseId, CaseCommand::getIssuedAt);
            send(producer, TopicNames.RECEIPTS, 0, List.of(scenario.receipt), Receipt::getSignalId, Receipt::getAt);
            send(producer, TopicNames.POLICIES, 0, scenario.policies, SharingPolicy::getCountry, SharingPolicy::getUpdatedAt);
            producer.flush();
        }
    }

    /** Creates the topics in one request and waits until every one of them can be described. */
    public static void createTopics(KafkaCluster cluster, List<NewTopic> topics) {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            List<String> names = topics.stream().map(NewTopic::name).toList();
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> admin.describeTopics(names).allTopicNames().get().size() == names.size());
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics, e);
        }
    }

    private void outbox(KafkaProducer<byte[], byte[]> producer, String country, ThreatSignal signal) {
        send(producer, TopicNames.outbox(country), 0, List.of(new OutboxEvent(signal)), e -> signal.getId(),
                e -> signal.getSubmittedAt());
    }

    private void inbox(KafkaProducer<byte[], byte[]> producer, String country, List<SharedSignal> shared) {
        send(producer, TopicNames.inbox(country), 0, shared.stream().map(InboxEvent::new).toList(),
                e -> ((SharedSignal) e.getPayload()).getSignalId(), e -> ((SharedSignal) e.getPayload()).getSharedAt());
    }

    /** Sends records to {@code prefix + topic}, waiting for each acknowledgement so offsets follow list order. */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> void send(KafkaProducer<byte[], byte[]> producer, String topic, int partition,
                                                List<T> values, Function<T, String> key, Function<T, Instant> time) {
        for (T value : values) {
            byte[] bytes = serdes.value((Class<T>) value.getClass()).serializer().serialize(prefix + topic, value);
            try {
                producer.send(new ProducerRecord<>(prefix + topic, partition, time.apply(value).toEpochMilli(),
                        key.apply(value).getBytes(StandardCharsets.UTF_8), bytes)).get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("cannot write scenario record to " + prefix + topic, e);
            }
        }
    }

}
