package io.aegis.escalation.topology;

import io.aegis.escalation.domain.EscalationRules;
import io.aegis.schema.routing.CoordinationSignal;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import io.aegis.schema.response.CaseState;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The escalation topology, as a pure function of the rules and topics (no I/O, no framework),
 * so the replay CLI can run candidate rules over recorded signals offline.
 *
 * <pre>
 * signals ─► validate-signal ─► correlate-key (one key) ─► correlation (repartition, 1 partition)
 *         ─► correlate-and-tier [key index, group keys, groups, slots, signals, signal index, baseline]
 *         ─► escalations
 * cases ─► resolved-cases ─► closure-of-group ─► case-closures (repartition, 1 partition)
 *       ─► retire-resolved-groups [the same stores]
 * </pre>
 * A resolved case retires its group, so that a later incident is a group, and a case, of its own.
 * Correlation is transitive across keys (union-find), so it cannot be split by key: every signal
 * goes through one partition of the {@code correlation} repartition topic, processed by one task
 * (standby replicas take over on failure). An invalid signal is thrown out of
 * {@code validate-signal} and the DLQ processing exception handler sends its original bytes to
 * {@code aegis.dlq}. Every stateful step and store is named, so the topology is stable across upgrades.
 */
public final class EscalationTopology {

    public static final String KEY_INDEX_STORE = "escalation-key-index";
    public static final String GROUP_KEYS_STORE = "escalation-group-keys";
    public static final String GROUPS_STORE = "escalation-groups";
    public static final String SLOTS_STORE = "escalation-slots";
    public static final String SIGNALS_STORE = "escalation-signals";
    /** Signal id → the groups holding it, so a retraction finds a signal whatever its keys point at now. */
    public static final String SIGNAL_INDEX_STORE = "escalation-signal-index";
    public static final String BASELINE_STORE = "escalation-baseline";
    /** Name of the repartition step; its topic is {@code <application.id>-correlation-repartition}. */
    public static final String CORRELATION_REPARTITION = "correlation";
    /**
     * Name of the repartition step of resolved cases (correlation key → when the case opened); one
     * partition, so the closures reach the task that holds the groups.
     */
    public static final String CLOSURES_REPARTITION = "case-closures";
    /** The single key every signal is correlated under. */
    static final String NETWORK_KEY = "network";

    private EscalationTopology() {
    }

    /** Adds the escalation topology to {@code builder} and returns the built topology. */
    public static Topology build(StreamsBuilder builder, EscalationRules rules, EscalationTopics topics) {
        Serde<String> strings = Serdes.String();
        builder.addStateStore(store(KEY_INDEX_STORE, strings, strings));
        builder.addStateStore(store(GROUP_KEYS_STORE, strings, strings));
        builder.addStateStore(store(GROUPS_STORE, strings, StateSerdes.groups()));
        builder.addStateStore(store(SLOTS_STORE, strings, StateSerdes.slots()));
        builder.addStateStore(store(SIGNALS_STORE, strings, StateSerdes.observations()));
        builder.addStateStore(store(SIGNAL_INDEX_STORE, strings, strings));
        builder.addStateStore(store(BASELINE_STORE, strings, StateSerdes.counts()));

        builder.stream(topics.signals().name(), topics.signals().consumed().withName("coordination-signals"))
                .processValues(ValidateSignal::new, Named.as("validate-signal"))
                .selectKey((key, signal) -> NETWORK_KEY, Named.as("correlate-key"))
                .repartition(Repartitioned.<String, CoordinationSignal>as(CORRELATION_REPARTITION)
                        .withKeySerde(strings)
                        .withValueSerde(topics.signals().valueSerde())
                        .withNumberOfPartitions(1))
                .process(() -> new CorrelationProcessor(rules), Named.as("correlate-and-tier"),
                        KEY_INDEX_STORE, GROUP_KEYS_STORE, GROUPS_STORE, SLOTS_STORE, SIGNALS_STORE, SIGNAL_INDEX_STORE,
                        BASELINE_STORE)
                .to(topics.escalations().name(), topics.escalations().produced().withName("escalations"));

        builder.stream(topics.cases().name(), topics.cases().consumed().withName("cases"))
                .filter((caseId, kase) -> kase != null && kase.getState() == CaseState.RESOLVED && kase.getCopyFor() == null,
                        Named.as("resolved-cases"))
                .map((caseId, kase) -> KeyValue.pair(kase.getCorrelationKey(), kase.getOpenedAt().toEpochMilli()),
                        Named.as("closure-of-group"))
                .repartition(Repartitioned.<String, Long>as(CLOSURES_REPARTITION)
                        .withKeySerde(strings)
                        .withValueSerde(Serdes.Long())
                        .withNumberOfPartitions(1))
                .process(() -> new CaseClosureProcessor(rules), Named.as("retire-resolved-groups"),
                        KEY_INDEX_STORE, GROUP_KEYS_STORE, GROUPS_STORE, SLOTS_STORE, SIGNALS_STORE, SIGNAL_INDEX_STORE,
                        BASELINE_STORE);
        return builder.build();
    }

    private static <V> StoreBuilder<?> store(String name, Serde<String> keys, Serde<V> values) {
        // the record cache absorbs repeated writes of a busy group's header within a commit interval
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }
}
