package io.aegis.escalation.topology;

import io.aegis.escalation.domain.BucketedBaseline;
import io.aegis.escalation.domain.EscalationEngine;
import io.aegis.escalation.domain.EscalationRules;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Retires the correlation group of each resolved case (key: the case's correlation key, value: when
 * the case opened), so that a later incident starts a group, and a case, of its own
 * ({@link EscalationEngine#retire}). Runs in the same task as {@link CorrelationProcessor}, over the
 * same stores: both read one-partition repartition topics.
 */
final class CaseClosureProcessor implements Processor<String, Long, Void, Void> {

    private final EscalationRules rules;
    private EscalationEngine engine;

    CaseClosureProcessor(EscalationRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        engine = new EscalationEngine(rules, StreamsGroupStore.of(context),
                new BucketedBaseline(rules.baseline(), new StreamsCountsStore(context.getStateStore(EscalationTopology.BASELINE_STORE))));
    }

    @Override
    public void process(Record<String, Long> closure) {
        engine.retire(closure.key(), closure.value());
    }
}
