package io.aegis.escalation.topology;

import io.aegis.escalation.domain.BucketedBaseline;
import io.aegis.escalation.domain.EscalationEngine;
import io.aegis.escalation.domain.EscalationRules;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Adapts {@link EscalationEngine} to Kafka Streams: its groups and baseline live in the
 * topology's state stores, each record is one {@code onSignal} call at the record's timestamp,
 * and idle groups are forgotten on stream-time punctuation (so a replay expires them the same way).
 */
final class CorrelationProcessor implements Processor<String, CoordinationSignal, String, Escalation> {

    static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);

    private final EscalationRules rules;
    private ProcessorContext<String, Escalation> context;
    private EscalationEngine engine;

    CorrelationProcessor(EscalationRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, Escalation> context) {
        this.context = context;
        StreamsGroupStore groups = StreamsGroupStore.of(context);
        StreamsCountsStore counts = new StreamsCountsStore(context.getStateStore(EscalationTopology.BASELINE_STORE));
        engine = new EscalationEngine(rules, groups, new BucketedBaseline(rules.baseline(), counts));
        context.schedule(EXPIRY_INTERVAL, PunctuationType.STREAM_TIME, engine::expire);
    }

    @Override
    public void process(Record<String, CoordinationSignal> record) {
        engine.onSignal(record.value(), record.timestamp()).ifPresent(escalation ->
                context.forward(new Record<>(escalation.getCorrelationKey(), escalation,
                        escalation.getEscalatedAt().toEpochMilli())));
    }
}
