package io.aegis.response.topology;

import io.aegis.response.domain.CaseOutcome;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The thin stream adapter of {@link CaseWorkflow}: reads the case a record concerns from the
 * state stores, hands it to the workflow with the wall-clock time, stores the new state and
 * forwards the case, its events and notifications. A wall-clock punctuator moves due cases on.
 * Invariants: state, outputs and offsets commit together (exactly_once_v2), so a restart neither
 * loses nor repeats a notification; the timer store holds exactly the cases that have a next
 * deadline, keyed by case id with that deadline in epoch milliseconds.
 */
final class CaseWorkflowProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private final CaseWorkflow workflow;
    private final Duration tick;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, EmergencyCase> cases;
    private KeyValueStore<String, String> groups;
    private KeyValueStore<String, Long> timers;

    CaseWorkflowProcessor(CaseWorkflow workflow, Duration tick) {
        this.workflow = workflow;
        this.tick = tick;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.cases = context.getStateStore(ResponseTopology.CASES_STORE);
        this.groups = context.getStateStore(ResponseTopology.GROUPS_STORE);
        this.timers = context.getStateStore(ResponseTopology.TIMERS_STORE);
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (record.value() instanceof Escalation escalation) {
            Optional<EmergencyCase> latest = Optional.ofNullable(groups.get(escalation.getCorrelationKey())).map(cases::get);
            CaseOutcome outcome = workflow.onEscalation(latest, escalation, now);
            outcome.kase().ifPresent(kase -> groups.put(kase.getCorrelationKey(), kase.getCaseId()));
            apply(outcome, now);
            for (String absorbed : escalation.getAbsorbedGroups()) {
                fold(escalation, absorbed, now);
            }
        } else if (record.value() instanceof CaseCommand command) {
            Optional<EmergencyCase> kase = Optional.ofNullable(cases.get(command.getCaseId()));
            apply(workflow.onCommand(kase, command, CommandOrigin.topicCountry(record.headers()), now), now);
        } else {
            throw new IllegalArgumentException("value: expected an Escalation or a CaseCommand, got "
                    + (record.value() == null ? "null" : record.value().getClass().getName()));
        }
    }

    /**
     * Folds the open case of a group the escalation's group absorbed into the survivor's case (opened by
     * this record if it has none), both stored and forwarded in this one process() call, and maps the
     * absorbed group to the survivor's case so that a late record of it reaches that case.
     */
    private void fold(Escalation escalation, String absorbedKey, Instant now) {
        Optional<EmergencyCase> absorbed = Optional.ofNullable(groups.get(absorbedKey)).map(cases::get)
                .filter(kase -> kase.getState() != CaseState.RESOLVED);
        if (absorbed.isEmpty() || absorbedKey.equals(escalation.getCorrelationKey())) {
            return;
        }
        Optional<EmergencyCase> latest = Optional.ofNullable(groups.get(escalation.getCorrelationKey())).map(cases::get);
        CaseOutcome opened = workflow.survivorFor(latest, escalation, now);
        opened.kase().ifPresent(kase -> groups.put(escalation.getCorrelationKey(), kase.getCaseId()));
        apply(opened, now);
        EmergencyCase survivor = cases.get(groups.get(escalation.getCorrelationKey()));
        if (survivor.getCaseId().equals(absorbed.get().getCaseId())) {
            return;
        }
        CaseWorkflow.Fold fold = workflow.fold(survivor, absorbed.get(), now);
        apply(fold.survivor(), now);
        apply(fold.absorbed(), now);
        groups.put(absorbedKey, survivor.getCaseId());
    }

    private void punctuate(long timestamp) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = timers.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> timer = all.next();
                if (timer.value <= timestamp) {
                    due.add(timer.key);
                }
            }
        }
        Instant now = Instant.ofEpochMilli(timestamp);
        for (String caseId : due) {
            EmergencyCase kase = cases.get(caseId);
            if (kase == null) {
                timers.delete(caseId);
            } else {
                CaseOutcome outcome = workflow.onTick(kase, now);
                if (outcome.kase().isEmpty()) {
                    // nothing was due after all (rules changed since the timer was set): re-arm or drop it
                    workflow.nextDue(kase).filter(next -> next.isAfter(now)).ifPresentOrElse(
                            next -> timers.put(caseId, next.toEpochMilli()), () -> timers.delete(caseId));
                }
                apply(outcome, now);
            }
        }
    }

    private void apply(CaseOutcome outcome, Instant now) {
        long timestamp = now.toEpochMilli();
        outcome.kase().ifPresent(kase -> {
            cases.put(kase.getCaseId(), kase);
            workflow.nextDue(kase).ifPresentOrElse(due -> timers.put(kase.getCaseId(), due.toEpochMilli()),
                    () -> timers.delete(kase.getCaseId()));
            context.forward(new Record<>(kase.getCaseId(), kase, timestamp));
        });
        for (CaseEvent event : outcome.events()) {
            context.forward(new Record<>(event.getCaseId(), event, timestamp));
        }
        for (Notification notification : outcome.notifications()) {
            context.forward(new Record<>(notification.getOfficerId(), notification, timestamp));
        }
    }
}
