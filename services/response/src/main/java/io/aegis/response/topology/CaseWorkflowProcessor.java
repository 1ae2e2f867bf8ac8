package io.aegis.response.topology;

import io.aegis.response.domain.CaseIds;
import io.aegis.response.domain.CaseOutcome;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseFold;
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
 * deadline, keyed by case id with that deadline in epoch milliseconds. A record naming absorbed groups
 * folds their open cases into its group's case: in this same call when their cases live in this task,
 * otherwise through {@link CaseFold} steps on the folds topic, keyed by the routing group of the case each
 * step is for, so that it reaches the task holding that case. The group store maps a folded group to the
 * case it was folded into, so that its late records reach that case.
 */
final class CaseWorkflowProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private final CaseWorkflow workflow;
    private final Duration tick;
    private final int partitions;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, EmergencyCase> cases;
    private KeyValueStore<String, String> groups;
    private KeyValueStore<String, Long> timers;

    CaseWorkflowProcessor(CaseWorkflow workflow, Duration tick, int partitions) {
        this.workflow = workflow;
        this.tick = tick;
        this.partitions = partitions;
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
            onEscalation(escalation, now);
        } else if (record.value() instanceof CaseFold fold) {
            onFold(fold, now);
        } else if (record.value() instanceof CaseCommand command) {
            Optional<EmergencyCase> kase = Optional.ofNullable(cases.get(command.getCaseId()));
            apply(workflow.onCommand(kase, command, CommandOrigin.topicCountry(record.headers()), now), now);
        } else {
            throw new IllegalArgumentException("value: expected an Escalation, a CaseFold or a CaseCommand, got "
                    + (record.value() == null ? "null" : record.value().getClass().getName()));
        }
    }

    private void onEscalation(Escalation escalation, Instant now) {
        String key = escalation.getCorrelationKey();
        String mapped = groups.get(key);
        if (mapped != null && folded(key, mapped) && !startsGroup(escalation)) {
            // a late record of a group whose case was folded into another group's: it belongs to that case
            EmergencyCase survivor = cases.get(mapped);
            if (survivor != null) {
                apply(workflow.onFolded(survivor, escalation, now), now);
            } else {
                send(new CaseFold(mapped, "", key, null, escalation, true), CaseIds.groupOf(mapped).orElseThrow(), now);
            }
            return;
        }
        Optional<EmergencyCase> latest = mapped == null ? Optional.empty()
                : folded(key, mapped) ? ownLatest(key) : Optional.ofNullable(cases.get(mapped));
        CaseOutcome outcome = workflow.onEscalation(latest, escalation, now);
        outcome.kase().ifPresent(kase -> groups.put(kase.getCorrelationKey(), kase.getCaseId()));
        apply(outcome, now);
        for (String absorbed : escalation.getAbsorbedGroups()) {
            if (!absorbed.equals(key)) {
                fold(escalation, absorbed, now);
            }
        }
    }

    /**
     * Folds the case of a group the escalation's group absorbed into the survivor's case. When the absorbed
     * group's cases live in this task, both cases are stored and forwarded in this one process() call;
     * otherwise a request goes to the absorbed group's task ({@link #onFold}).
     */
    private void fold(Escalation escalation, String absorbedKey, Instant now) {
        String key = escalation.getCorrelationKey();
        String survivorId = workflow.survivorCaseId(Optional.ofNullable(groups.get(key)).map(cases::get), escalation);
        if (!local(CaseIds.group(absorbedKey))) {
            send(new CaseFold(survivorId, key, absorbedKey, null, escalation, false), CaseIds.group(absorbedKey), now);
            return;
        }
        openCase(absorbedKey).ifPresent(absorbed -> {
            EmergencyCase survivor = survivor(survivorId, escalation, now);
            CaseWorkflow.Fold fold = workflow.fold(survivor, absorbed, now);
            apply(fold.survivor(), now);
            apply(fold.absorbed(), now);
            groups.put(absorbedKey, survivorId);
        });
    }

    /** The fold steps addressed to this task: a request for an absorbed case, its hand-over, or a redirected record. */
    private void onFold(CaseFold fold, Instant now) {
        if (fold.getRedirect()) {
            Optional.ofNullable(cases.get(fold.getSurvivorCaseId()))
                    .ifPresent(kase -> apply(workflow.onFolded(kase, fold.getEscalation(), now), now));
        } else if (fold.getAbsorbedCase() == null) {
            openCase(fold.getAbsorbedCorrelationKey()).ifPresent(absorbed -> {
                apply(workflow.foldOut(absorbed, fold.getSurvivorCaseId(), now), now);
                groups.put(fold.getAbsorbedCorrelationKey(), fold.getSurvivorCaseId());
                send(new CaseFold(fold.getSurvivorCaseId(), fold.getSurvivorCorrelationKey(), fold.getAbsorbedCorrelationKey(),
                        absorbed, fold.getEscalation(), false), CaseIds.groupOf(fold.getSurvivorCaseId()).orElseThrow(), now);
            });
        } else {
            EmergencyCase survivor = survivor(fold.getSurvivorCaseId(), fold.getEscalation(), now);
            apply(workflow.foldIn(survivor, fold.getAbsorbedCase(), now), now);
        }
    }

    /** The survivor's case of this id, opened from the escalation that named the absorbed group if it does not exist. */
    private EmergencyCase survivor(String caseId, Escalation escalation, Instant now) {
        EmergencyCase existing = cases.get(caseId);
        if (existing != null) {
            return existing;
        }
        CaseOutcome opened = workflow.openForFold(escalation, caseId, now);
        groups.put(escalation.getCorrelationKey(), caseId);
        apply(opened, now);
        return cases.get(caseId);
    }

    /** The group's latest case if it is its own (not one it was folded into) and open. */
    private Optional<EmergencyCase> openCase(String correlationKey) {
        return Optional.ofNullable(groups.get(correlationKey)).filter(id -> !folded(correlationKey, id)).map(cases::get)
                .filter(kase -> kase.getState() != CaseState.RESOLVED);
    }

    /**
     * The group's own latest case, once the group store maps it to the case it was folded into: its cases
     * are numbered 1, 2, … and live in this task, so the last existing number is the latest.
     */
    private Optional<EmergencyCase> ownLatest(String correlationKey) {
        EmergencyCase latest = null;
        for (int number = 1; ; number++) {
            EmergencyCase kase = cases.get(CaseIds.caseId(correlationKey, number));
            if (kase == null) {
                return Optional.ofNullable(latest);
            }
            latest = kase;
        }
    }

    /** Whether the group store maps this group to a case of another group: its case was folded into that one. */
    private static boolean folded(String correlationKey, String caseId) {
        return !CaseIds.groupOf(caseId).equals(Optional.of(CaseIds.group(correlationKey)));
    }

    /**
     * A group's first tier change (from NOTICE): a group that starts now, even if an earlier group of that
     * id was folded into another, so it gets a case of its own.
     */
    private static boolean startsGroup(Escalation escalation) {
        return !escalation.getGroupUpdate() && !escalation.getDisclosureUpdate() && escalation.getPreviousTier() == null;
    }

    /** Whether the cases of this routing group live in this task (the workflow's repartition partitioning). */
    private boolean local(String routingGroup) {
        return context.taskId().partition() == FoldPartitioner.partitionOf(routingGroup, partitions);
    }

    private void send(CaseFold fold, String routingGroup, Instant now) {
        context.forward(new Record<>(routingGroup, fold, now.toEpochMilli()));
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
