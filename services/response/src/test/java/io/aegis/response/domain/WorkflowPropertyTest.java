package io.aegis.response.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.CanonicalHash;
import io.aegis.kafka.crypto.ChainVerification;
import io.aegis.kafka.crypto.HashChain;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.VoteChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Invariants of the workflow over arbitrary interleavings of escalations, commands (including
 * LOWER_TIER proposals to any tier and the votes that pass them) and time: the event chain of a
 * case always verifies, sequences have no gap, the tier falls exactly when a TIER_LOWERED event says so,
 * and a case that some involved country has not acknowledged never stalls silently — it is OPEN,
 * has a pending acknowledgement deadline that {@link CaseWorkflow#nextDue} reports, and when that
 * deadline passes every silent country is re-escalated.
 */
class WorkflowPropertyTest {

    private static final List<String> COUNTRIES = List.of("FR", "DE", "JP", "KE");

    /**
     * One input to the workflow: kind 0 escalation, 1 clock tick, 2 and 3 a command. A command
     * comes from the {@code who}-th involved country, or from {@code country} when {@code who} is 0,
     * so that most commands count and some come from outside the case.
     */
    record Step(int kind, Tier tier, String country, int who, CommandType command, VoteChoice vote, Tier target,
                int minutes) {
    }

    @Property(tries = 200)
    void caseHistoryStaysChainedGapFreeAndNeverStalls(@ForAll("steps") List<Step> steps) {
        CaseWorkflow workflow = Fixtures.workflow();
        Instant now = Fixtures.T0;
        EmergencyCase kase = null;
        List<CaseEvent> history = new ArrayList<>();
        for (Step step : steps) {
            now = now.plus(Duration.ofMinutes(step.minutes()));
            CaseOutcome outcome = apply(workflow, kase, step, now);
            if (outcome.kase().isPresent() && kase != null && !outcome.kase().get().getCaseId().equals(kase.getCaseId())) {
                history.clear();
            }
            history.addAll(outcome.events());
            EmergencyCase next = outcome.kase().orElse(kase);
            if (kase != null && next.getCaseId().equals(kase.getCaseId())) {
                boolean lowered = outcome.events().stream().anyMatch(e -> e.getType() == CaseEventType.TIER_LOWERED);
                assertEquals(lowered, next.getTier().compareTo(kase.getTier()) < 0,
                        "the tier falls exactly when a TIER_LOWERED event says so: " + kase.getTier() + " -> " + next.getTier());
            }
            kase = next;
            if (kase != null) {
                assertNeverStalls(workflow, kase, now);
            }
        }
        assertChainIntact(history, kase);
    }

    /**
     * A case some involved country has not acknowledged must be waiting on a deadline that fires:
     * OPEN, with an ack deadline no later than its next due time, and ticking at that deadline
     * records the overdue round and reaches every silent country.
     */
    private static void assertNeverStalls(CaseWorkflow workflow, EmergencyCase kase, Instant now) {
        Set<String> silent = silent(kase);
        if (kase.getState() == CaseState.RESOLVED) {
            return;
        }
        String where = "case at " + kase.getTier() + ", state " + kase.getState() + ", silent " + silent;
        assertEquals(!silent.isEmpty(), kase.getState() == CaseState.OPEN,
                "a case is OPEN exactly while an involved country has not acknowledged: " + where);
        if (silent.isEmpty()) {
            return;
        }
        Instant deadline = kase.getAckDeadline();
        assertNotNull(deadline, "an unacknowledged case has an ack deadline: " + where);
        Optional<Instant> due = workflow.nextDue(kase);
        assertTrue(due.isPresent() && !due.get().isAfter(deadline),
                "the ack deadline " + deadline + " is a pending timer, next due " + due + ": " + where);
        Instant fires = deadline.isAfter(now) ? deadline : now;
        CaseOutcome tick = workflow.onTick(kase, fires);
        assertTrue(tick.events().stream().anyMatch(e -> e.getType() == CaseEventType.ACK_OVERDUE),
                "the passing deadline is recorded as ACK_OVERDUE: " + where);
        Set<String> reached = tick.notifications().stream().filter(n -> n.getKind() == NotificationKind.REESCALATED)
                .map(Notification::getCountry).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(silent, reached, "every silent country is re-escalated: " + where);
    }

    private static Set<String> silent(EmergencyCase kase) {
        return kase.getInvolvedCountries().stream()
                .filter(c -> kase.getAcknowledgements().stream().noneMatch(ack -> ack.getCountry().equals(c)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertChainIntact(List<CaseEvent> history, EmergencyCase kase) {
        ChainVerification verification = HashChain.verify(history);
        assertTrue(verification.valid(), verification.reason());
        // a consumer of aegis.case-events verifies what it decoded, not what was produced
        ChainVerification readBack = HashChain.verify(history.stream().map(WorkflowPropertyTest::roundTrip).toList());
        assertTrue(readBack.valid(), readBack.reason());
        for (int i = 0; i < history.size(); i++) {
            assertEquals(i + 1, history.get(i).getSequence());
        }
        if (kase != null && !history.isEmpty()) {
            assertEquals(history.get(history.size() - 1).getHash(), kase.getLastEventHash());
        }
    }

    private static CaseEvent roundTrip(CaseEvent event) {
        try {
            return new SpecificDatumReader<>(CaseEvent.class).read(null,
                    DecoderFactory.get().binaryDecoder(CanonicalHash.avroBinary(event), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CaseOutcome apply(CaseWorkflow workflow, EmergencyCase kase, Step step, Instant now) {
        if (step.kind() == 0 || kase == null) {
            return workflow.onEscalation(Optional.ofNullable(kase),
                    Fixtures.escalation(step.tier(), null, step.country(), "FR"), now);
        }
        if (step.kind() == 1) {
            return workflow.onTick(kase, now);
        }
        String country = step.who() == 0 ? step.country()
                : kase.getInvolvedCountries().get(step.who() % kase.getInvolvedCountries().size());
        return workflow.onCommand(Optional.of(kase), command(kase, step, country), country, now);
    }

    private static CaseCommand command(EmergencyCase kase, Step step, String country) {
        CaseCommand command = Fixtures.command(kase.getCaseId(), country, step.command());
        command.setText(step.command() == CommandType.COMMENT || step.command() == CommandType.RESOLVE ? "note" : null);
        command.setActionType(step.command() == CommandType.PROPOSE_ACTION ? ActionType.HALT_DEPLOYMENT : null);
        command.setTargetTier(step.command() == CommandType.LOWER_TIER ? step.target() : null);
        if (step.command() == CommandType.VOTE) {
            command.setVote(step.vote());
            command.setActionId(votedOn(kase));
        }
        return command;
    }

    /** The latest action still open for votes (a pending LOWER_TIER among them), else the latest one. */
    private static String votedOn(EmergencyCase kase) {
        List<JointAction> actions = kase.getActions();
        return actions.stream().filter(a -> a.getState() == ActionState.PROPOSED).reduce((a, b) -> b)
                .or(() -> actions.stream().reduce((a, b) -> b))
                .map(JointAction::getActionId).orElse("none");
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(Tier.ELEVATED, Tier.SEVERE, Tier.CRITICAL),
                Arbitraries.of(COUNTRIES),
                Arbitraries.integers().between(0, 3),
                Arbitraries.frequency(Tuple.of(2, CommandType.ACKNOWLEDGE), Tuple.of(1, CommandType.COMMENT),
                        Tuple.of(1, CommandType.PROPOSE_ACTION), Tuple.of(4, CommandType.VOTE),
                        Tuple.of(1, CommandType.RESOLVE), Tuple.of(3, CommandType.LOWER_TIER)),
                Arbitraries.frequency(Tuple.of(2, VoteChoice.YES), Tuple.of(1, VoteChoice.NO), Tuple.of(1, VoteChoice.ABSTAIN)),
                Arbitraries.of(Tier.class),
                Arbitraries.integers().between(0, 90)).as(Step::new).list().ofMinSize(1).ofMaxSize(40);
    }
}
