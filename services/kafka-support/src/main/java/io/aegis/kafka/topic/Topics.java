package io.aegis.kafka.topic;

import io.aegis.kafka.serde.SerdeFactory;
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
import io.aegis.schema.users.UserChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed topic catalogue: one {@link Topic} per topic of the architecture, with a UTF-8
 * string key serde and the Confluent-format Avro value serde of its contract record.
 * Immutable; one value serde instance per contract class is shared by all its topics. The
 * contract class of each topic is chosen once, in the constructor, which also records it for
 * {@link #valueSchemas(List)}.
 */
public final class Topics {

    private final Serde<String> keys = Serdes.String();
    private final Serde<OutboxEvent> outboxEvents;
    private final Serde<InboxEvent> inboxEvents;
    private final Serde<CaseCommand> caseCommands;
    private final Serde<Notification> notifications;
    private final Serde<UserChange> userChanges;
    private final Topic<String, CoordinationSignal> coordinationSignals;
    private final Topic<String, RoutingDecision> routingAudit;
    private final Topic<String, SharingPolicy> policies;
    private final Topic<String, Escalation> escalations;
    private final Topic<String, EmergencyCase> cases;
    private final Topic<String, CaseEvent> caseEvents;
    private final Topic<String, Receipt> receipts;
    private final Topic<byte[], byte[]> dlq;
    private final SerdeFactory serdes;
    private final List<Map.Entry<UnaryOperator<String>, Class<? extends SpecificRecord>>> perCountryValues = new ArrayList<>();
    private final Map<String, Class<? extends SpecificRecord>> sharedValues = new LinkedHashMap<>();

    public Topics(SerdeFactory serdes) {
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        outboxEvents = perCountry(TopicNames::outbox, OutboxEvent.class);
        inboxEvents = perCountry(TopicNames::inbox, InboxEvent.class);
        caseCommands = perCountry(TopicNames::commands, CaseCommand.class);
        notifications = perCountry(TopicNames::notify, Notification.class);
        userChanges = perCountry(TopicNames::users, UserChange.class);
        coordinationSignals = shared(TopicNames.COORDINATION_SIGNALS, CoordinationSignal.class);
        routingAudit = shared(TopicNames.ROUTING_AUDIT, RoutingDecision.class);
        policies = shared(TopicNames.POLICIES, SharingPolicy.class);
        escalations = shared(TopicNames.ESCALATIONS, Escalation.class);
        cases = shared(TopicNames.CASES, EmergencyCase.class);
        caseEvents = shared(TopicNames.CASE_EVENTS, CaseEvent.class);
        receipts = shared(TopicNames.RECEIPTS, Receipt.class);
        dlq = new Topic<>(TopicNames.DLQ, Serdes.ByteArray(), Serdes.ByteArray());
    }

    /**
     * The Avro value schema of every topic whose values are Avro records, by topic name: the
     * per-country topics of each given member (in the members' order), then the shared topics. Keys
     * are UTF-8 strings and the DLQ holds raw bytes, so neither has a schema.
     */
    public Map<String, Schema> valueSchemas(List<String> countries) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (String country : countries) {
            perCountryValues.forEach(entry -> schemas.put(entry.getKey().apply(country), schemaOf(entry.getValue())));
        }
        sharedValues.forEach((name, type) -> schemas.put(name, schemaOf(type)));
        return schemas;
    }

    /** {@code aegis.outbox.<CC>}: signal id → signal or retraction, written only by node CC. */
    public Topic<String, OutboxEvent> outbox(String country) {
        return new Topic<>(TopicNames.outbox(country), keys, outboxEvents);
    }

    /** {@code aegis.inbox.<CC>}: everything the network says to country CC (see {@code InboxEvent}), read only by node CC. */
    public Topic<String, InboxEvent> inbox(String country) {
        return new Topic<>(TopicNames.inbox(country), keys, inboxEvents);
    }

    /**
     * The value serializer of every inbox, for writers that route to {@code aegis.inbox.<CC>} per
     * record: its subject follows the topic name it is handed, so one serves all countries.
     */
    public Serializer<InboxEvent> inboxValueSerializer() {
        return inboxEvents.serializer();
    }

    /** {@code aegis.commands.<CC>}: case id → duty-officer command from node CC. */
    public Topic<String, CaseCommand> commands(String country) {
        return new Topic<>(TopicNames.commands(country), keys, caseCommands);
    }

    /** {@code aegis.notify.<CC>}: officer id → notification for node CC. */
    public Topic<String, Notification> notify(String country) {
        return new Topic<>(TopicNames.notify(country), keys, notifications);
    }

    /** {@code aegis.users.<CC>}: user name → change made by an ADMIN of node CC (the audit log of its users). */
    public Topic<String, UserChange> users(String country) {
        return new Topic<>(TopicNames.users(country), keys, userChanges);
    }

    /** Correlation key → minimised coordination view. */
    public Topic<String, CoordinationSignal> coordinationSignals() {
        return coordinationSignals;
    }

    /** Signal id → routing decision, hash-chained per partition. */
    public Topic<String, RoutingDecision> routingAudit() {
        return routingAudit;
    }

    /** Country → sharing policy (compacted). */
    public Topic<String, SharingPolicy> policies() {
        return policies;
    }

    /** Correlation key → escalation (one record per tier change). */
    public Topic<String, Escalation> escalations() {
        return escalations;
    }

    /** Case id → current case state (compacted). */
    public Topic<String, EmergencyCase> cases() {
        return cases;
    }

    /** Case id → case event, hash-chained per case. */
    public Topic<String, CaseEvent> caseEvents() {
        return caseEvents;
    }

    /** Signal id → delivery or retraction receipt. */
    public Topic<String, Receipt> receipts() {
        return receipts;
    }

    /** Original key → original bytes, with reason headers (see {@code io.aegis.kafka.dlq.DlqHeaders}). */
    public Topic<byte[], byte[]> dlq() {
        return dlq;
    }

    private <V extends SpecificRecord> Serde<V> perCountry(UnaryOperator<String> name, Class<V> type) {
        perCountryValues.add(Map.entry(name, type));
        return serdes.value(type);
    }

    private <V extends SpecificRecord> Topic<String, V> shared(String name, Class<V> type) {
        sharedValues.put(name, type);
        return new Topic<>(name, keys, serdes.value(type));
    }

    private static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }
}
