package io.aegis.response.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.CanonicalHash;
import io.aegis.kafka.crypto.ChainVerification;
import io.aegis.kafka.crypto.HashChain;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.VoteChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of the workflow over arbitrary interleavings of escalations, commands and time:
 * the event chain of a case always verifies, sequences have no gap, the tier falls only through
 * a TIER_LOWERED event, and an open case always has a next deadline (it cannot stall silently).
 */
class WorkflowPropertyTest {

    private static final List<String> COUNTRIES = List.of("FR", "DE", "JP", "KE");

    /** One input to the workflow. */
    record Step(int kind, Tier tier, String country, CommandType command, VoteChoice vote, int minutes) {
    }

    @Property(tries = 100)
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
            if (kase != null && next.getCaseId().equals(kase.getCaseId()) && next.getTier().compareTo(kase.getTier()) < 0) {
                assertTrue(outcome.events().stream().anyMatch(e -> e.getType() == CaseEventType.TIER_LOWERED),
                        "the tier fell without a TIER_LOWERED event");
            }
            kase = next;
            if (kase != null && kase.getState() == CaseState.OPEN && kase.getAckDeadline() != null) {
                assertTrue(workflow.nextDue(kase).isPresent(), "an open case has a next deadline");
            }
        }
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
        return workflow.onCommand(Optional.of(kase), command(kase, step), step.country(), now);
    }

    private static CaseCommand command(EmergencyCase kase, Step step) {
        CaseCommand command = Fixtures.command(kase.getCaseId(), step.country(), step.command());
        command.setText(step.command() == CommandType.COMMENT || step.command() == CommandType.RESOLVE ? "note" : null);
        command.setActionType(step.command() == CommandType.PROPOSE_ACTION ? ActionType.HALT_DEPLOYMENT : null);
        command.setTargetTier(step.command() == CommandType.LOWER_TIER ? Tier.ELEVATED : null);
        if (step.command() == CommandType.VOTE) {
            command.setVote(step.vote());
            command.setActionId(kase.getActions().stream().map(JointAction::getActionId).reduce((a, b) -> b).orElse("none"));
        }
        return command;
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(Tier.ELEVATED, Tier.SEVERE, Tier.CRITICAL),
                Arbitraries.of(COUNTRIES),
                Arbitraries.of(CommandType.class),
                Arbitraries.of(VoteChoice.class),
                Arbitraries.integers().between(0, 90)).as(Step::new).list().ofMinSize(1).ofMaxSize(40);
    }
}
