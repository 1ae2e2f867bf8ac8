package io.aegis.escalation.topology;

import io.aegis.escalation.domain.SignalValidator;
import io.aegis.schema.routing.CoordinationSignal;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Passes valid coordination signals on; rejects the others with a reason naming the field. */
final class ValidateSignal implements FixedKeyProcessor<String, CoordinationSignal, CoordinationSignal> {

    private FixedKeyProcessorContext<String, CoordinationSignal> context;

    @Override
    public void init(FixedKeyProcessorContext<String, CoordinationSignal> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, CoordinationSignal> record) {
        if (record.value() == null) {
            throw new InvalidSignalException("value: a coordination signal is required, the record has none");
        }
        SignalValidator.problem(record.value()).ifPresent(problem -> {
            throw new InvalidSignalException("coordination signal " + record.value().getSignalId() + ": " + problem);
        });
        context.forward(record);
    }
}
