package io.aegis.response.topology;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.response.domain.CaseCopies;
import io.aegis.response.domain.CaseIds;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseFold;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.signal.InboxEvent;
import org.apache.kafka.common.serialization.Serializer;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The response workflow topology. Escalations (keyed by correlation key) and commands from every
 * {@code aegis.commands.<CC>} topic (keyed by case id) are re-keyed by correlation group, so that a
 * group's escalations and its cases' commands meet in one task; the case-workflow processor keeps
 * cases in state stores and moves them on with a wall-clock punctuator; cases go to the compacted
 * {@code aegis.cases}, their hash-chained events to {@code aegis.case-events}, notifications to
 * {@code aegis.notify.<CC>} of the officer's country. Folding the case of an absorbed group into its
 * survivor's case across tasks loops through {@link #FOLDS_TOPIC}, partitioned like the workflow's
 * repartition topics ({@link FoldPartitioner}). Every node and store is named.
 */
public final class ResponseTopology {

    public static final String CASES_STORE = "response-cases";
    public static final String GROUPS_STORE = "response-groups";
    public static final String TIMERS_STORE = "response-timers";
    public static final String ESCALATIONS_REPARTITION = "response-escalations-by-group";
    public static final String COMMANDS_REPARTITION = "response-commands-by-group";
    /** The response service's own loop topic of {@link CaseFold} steps (under its application id's ACL prefix). */
    public static final String FOLDS_TOPIC = "aegis-response-case-folds";
    private static final String OUTPUT = "response-output-";

    /**
     * What the topology needs.
     *
     * @param topics        the topic catalogue
     * @param serdes        serde factory of the contract records (the one {@code topics} was built with)
     * @param workflow      the workflow state machine
     * @param tick          wall-clock interval at which due cases are moved on
     * @param partitions    partitions of the two repartition topics (the workflow's parallelism)
     */
    public record Wiring(Topics topics, SerdeFactory serdes, CaseWorkflow workflow, Duration tick,
                         int partitions) {

        public Wiring {
            Objects.requireNonNull(topics, "topics");
            Objects.requireNonNull(serdes, "serdes");
            Objects.requireNonNull(workflow, "workflow");
            if (tick.isNegative() || tick.isZero()) {
                throw new IllegalArgumentException("tick must be a positive duration, got " + tick);
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
        }
    }

    private ResponseTopology() {
    }

    /** Adds the workflow to the builder and returns the stream of everything it emits. */
    public static KStream<String, SpecificRecord> build(StreamsBuilder builder, Wiring wiring) {
        Topics topics = wiring.topics();
        Serde<Escalation> escalationSerde = topics.escalations().valueSerde();
        Serde<CaseCommand> commandSerde = wiring.serdes().value(CaseCommand.class);
        Serde<CaseFold> foldSerde = wiring.serdes().value(CaseFold.class);
        addStores(builder, topics.cases().valueSerde());

        KStream<String, SpecificRecord> escalations = builder
                .stream(topics.escalations().name(), Consumed.with(Serdes.String(), escalationSerde).withName("escalations-source"))
                .selectKey((key, escalation) -> CaseIds.group(escalation.getCorrelationKey()), Named.as("escalations-by-group"))
                .repartition(Repartitioned.with(Serdes.String(), escalationSerde)
                        .withName(ESCALATIONS_REPARTITION).withNumberOfPartitions(wiring.partitions()))
                .mapValues(escalation -> (SpecificRecord) escalation, Named.as("escalations-as-input"));
        KStream<String, SpecificRecord> commands = builder
                .stream(TopicNames.COMMANDS_PATTERN, Consumed.with(Serdes.String(), commandSerde).withName("commands-source"))
                .processValues(CommandOrigin::new, Named.as("command-origin"))
                .selectKey((key, command) -> CaseIds.groupOf(command.getCaseId()).orElse(command.getCaseId()),
                        Named.as("commands-by-group"))
                .repartition(Repartitioned.with(Serdes.String(), commandSerde)
                        .withName(COMMANDS_REPARTITION).withNumberOfPartitions(wiring.partitions()))
                .mapValues(command -> (SpecificRecord) command, Named.as("commands-as-input"));

        KStream<String, SpecificRecord> folds = builder
                .stream(FOLDS_TOPIC, Consumed.with(Serdes.String(), foldSerde).withName("folds-source"))
                .mapValues(fold -> (SpecificRecord) fold, Named.as("folds-as-input"));

        KStream<String, SpecificRecord> output = escalations.merge(commands, Named.as("workflow-inputs"))
                .merge(folds, Named.as("workflow-inputs-and-folds"))
                .process(() -> new CaseWorkflowProcessor(wiring.workflow(), wiring.tick(), wiring.partitions()),
                        Named.as("case-workflow"), CASES_STORE, GROUPS_STORE, TIMERS_STORE);
        route(output, wiring, foldSerde);
        return output.filterNot((key, value) -> value instanceof CaseFold, Named.as("workflow-output"));
    }

    private static void addStores(StreamsBuilder builder, Serde<EmergencyCase> caseSerde) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CASES_STORE), Serdes.String(), caseSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(GROUPS_STORE), Serdes.String(),
                Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE), Serdes.String(),
                Serdes.Long()));
    }

    private static void route(KStream<String, SpecificRecord> output, Wiring wiring, Serde<CaseFold> foldSerde) {
        Topics topics = wiring.topics();
        Map<String, KStream<String, SpecificRecord>> branches = output.split(Named.as(OUTPUT))
                .branch((key, value) -> value instanceof EmergencyCase, Branched.as("cases"))
                .branch((key, value) -> value instanceof CaseEvent, Branched.as("events"))
                .branch((key, value) -> value instanceof Notification, Branched.as("notifications"))
                .branch((key, value) -> value instanceof CaseFold, Branched.as("folds"))
                .noDefaultBranch();
        KStream<String, EmergencyCase> cases = branches.get(OUTPUT + "cases")
                .mapValues(value -> (EmergencyCase) value, Named.as("output-as-case"));
        cases.to(topics.cases().name(), topics.cases().produced().withName("cases-sink"));
        toInvolvedInboxes(cases, topics);
        branches.get(OUTPUT + "events")
                .mapValues(value -> (CaseEvent) value, Named.as("output-as-event"))
                .to(topics.caseEvents().name(), topics.caseEvents().produced().withName("case-events-sink"));
        branches.get(OUTPUT + "notifications")
                .mapValues(value -> (Notification) value, Named.as("output-as-notification"))
                .to((key, notification, context) -> TopicNames.notify(notification.getCountry()),
                        Produced.with(Serdes.String(), wiring.serdes().value(Notification.class)).withName("notify-sink"));
        branches.get(OUTPUT + "folds")
                .mapValues(value -> (CaseFold) value, Named.as("output-as-fold"))
                .to(FOLDS_TOPIC, Produced.with(Serdes.String(), foldSerde).withName("folds-sink")
                        .withStreamPartitioner(new FoldPartitioner(wiring.partitions())));
    }

    /** A case's state for one involved country's inbox. */
    private record CaseCopy(String country, InboxEvent event) {
    }

    /**
     * Every case state also goes to the inbox of each involved country, the only topic a node may
     * read besides its notifications: a node never sees a case it takes no part in, and what it sees
     * is its own copy, naming only what the origins' policies let it know ({@link CaseCopies}).
     */
    private static void toInvolvedInboxes(KStream<String, EmergencyCase> cases, Topics topics) {
        Serializer<InboxEvent> inbox = topics.inboxValueSerializer();
        Serde<CaseCopy> copies = Serdes.serdeFrom((topic, copy) -> inbox.serialize(topic, copy.event()),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("case copies are only written by the response service");
                });
        cases.flatMapValues(c -> c.getInvolvedCountries().stream().distinct()
                        .map(country -> new CaseCopy(country, new InboxEvent(CaseCopies.forMember(c, country)))).toList(),
                        Named.as("case-per-involved-country"))
                .to((key, copy, context) -> TopicNames.inbox(copy.country()),
                        Produced.with(Serdes.String(), copies).withName("case-inbox-sink"));
    }
}
