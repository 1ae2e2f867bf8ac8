package io.aegis.node.topology;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.response.EmergencyCase;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code aegis.cases} → the cases this country takes part in (latest state per case).
 * Invariant: a case whose involved countries do not include this country is never kept.
 */
final class CaseTopology {

    private CaseTopology() {
    }

    static void build(StreamsBuilder builder, Topics topics, SerdeFactory serdes, NodeTopology.Settings settings) {
        Topic<String, EmergencyCase> cases = topics.cases();
        builder.addStateStore(NodeTopology.store(StoreNames.CASES, serdes.value(EmergencyCase.class), settings.persistent()));
        builder.stream(cases.name(), cases.consumed().withName("cases-source"))
                .process(() -> new CaseProcessor(settings.country()), Named.as("cases-apply"), StoreNames.CASES);
    }

    static final class CaseProcessor implements Processor<String, EmergencyCase, Void, Void> {

        private final String country;
        private KeyValueStore<String, EmergencyCase> cases;

        CaseProcessor(String country) {
            this.country = country;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            cases = context.getStateStore(StoreNames.CASES);
        }

        @Override
        public void process(Record<String, EmergencyCase> record) {
            EmergencyCase emergency = record.value();
            if (emergency == null) {
                if (record.key() != null) {
                    cases.delete(record.key());
                }
            } else if (emergency.getInvolvedCountries().contains(country)) {
                cases.put(emergency.getCaseId(), emergency);
            } else {
                cases.delete(emergency.getCaseId());
            }
        }
    }
}
