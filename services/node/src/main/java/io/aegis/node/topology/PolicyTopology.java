package io.aegis.node.topology;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.routing.SharingPolicy;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code aegis.policies} (compacted, keyed by country) → this country's current policy, the
 * base of the next version number. Invariant: a lower version never replaces a higher one.
 */
final class PolicyTopology {

    private PolicyTopology() {
    }

    static void build(StreamsBuilder builder, Topics topics, SerdeFactory serdes, NodeTopology.Settings settings) {
        Topic<String, SharingPolicy> policies = topics.policies();
        builder.addStateStore(NodeTopology.store(StoreNames.POLICY, serdes.value(SharingPolicy.class), settings.persistent()));
        builder.stream(policies.name(), policies.consumed().withName("policies-source"))
                .process(() -> new PolicyProcessor(settings.country()), Named.as("policy-apply"), StoreNames.POLICY);
    }

    static final class PolicyProcessor implements Processor<String, SharingPolicy, Void, Void> {

        private final String country;
        private KeyValueStore<String, SharingPolicy> policy;

        PolicyProcessor(String country) {
            this.country = country;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            policy = context.getStateStore(StoreNames.POLICY);
        }

        @Override
        public void process(Record<String, SharingPolicy> record) {
            SharingPolicy next = record.value();
            if (next == null || !country.equals(next.getCountry())) {
                return;
            }
            SharingPolicy current = policy.get(country);
            if (current == null || next.getVersion() >= current.getVersion()) {
                policy.put(country, next);
            }
        }
    }
}
