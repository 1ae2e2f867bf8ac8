package io.aegis.response.domain;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.kase;
import static io.aegis.response.domain.Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandValidationTest {

    private final CaseWorkflow workflow = Fixtures.workflow();
    private final EmergencyCase kase =
            kase(workflow.onEscalation(Optional.empty(), escalation(Tier.SEVERE, null, "FR", "DE", "JP"), T0));

    private CaseOutcome send(CaseCommand command, String topicCountry) {
        return workflow.onCommand(Optional.of(kase), command, topicCountry, T0.plusSeconds(60));
    }

    private static void assertRejected(CaseOutcome outcome, String officerId, String expectedReasonStart) {
        assertEquals(List.of(CaseEventType.COMMAND_REJECTED), types(outcome));
        String detail = outcome.events().get(0).getDetail();
        assertTrue(detail.startsWith(expectedReasonStart), detail);
        Notification told = outcome.notifications().get(0);
        assertEquals(1, outcome.notifications().size());
        assertEquals(officerId, told.getOfficerId());
        assertEquals(NotificationKind.OTHER, told.getKind());
        assertEquals(detail, told.getMessage());
    }

    @Test
    void shouldRefuseCommandFromCountryOutsideTheCase() {
        // Kenya is a member but did not report: it must not steer this case
        CaseOutcome outcome = send(Fixtures.ack(kase.getCaseId(), "KE"), "KE");

        assertRejected(outcome, "ke-duty-primary", "country: KE does not take part in case");
        assertTrue(kase(outcome).getAcknowledgements().isEmpty());
    }

    @Test
    void shouldRefuseCommandSpeakingForAnotherCountryThanItsTopic() {
        // the topic's ACL proves the sender's country; a body claiming another one is spoofed
        CaseOutcome outcome = send(Fixtures.ack(kase.getCaseId(), "FR"), "KE");

        assertRejected(outcome, "fr-duty-primary", "country: command speaks for FR but arrived on the commands topic of KE");
        assertEquals("KE", outcome.notifications().get(0).getCountry());
    }

    @Test
    void shouldRefuseSecondAcknowledgementOfTheSameCountry() {
        EmergencyCase acked = kase(send(Fixtures.ack(kase.getCaseId(), "FR"), "FR"));

        CaseOutcome outcome = workflow.onCommand(Optional.of(acked), Fixtures.ack(kase.getCaseId(), "FR"), "FR", T0.plusSeconds(90));

        assertRejected(outcome, "fr-duty-primary", "type: FR has already acknowledged");
    }

    @Test
    void shouldRefuseCommentWithoutText() {
        assertRejected(send(Fixtures.command(kase.getCaseId(), "DE", CommandType.COMMENT), "DE"), "de-duty-primary",
                "text: is required for COMMENT");
    }

    @Test
    void shouldRefuseProposalWithoutActionType() {
        assertRejected(send(Fixtures.command(kase.getCaseId(), "DE", CommandType.PROPOSE_ACTION), "DE"), "de-duty-primary",
                "actionType: is required for PROPOSE_ACTION");
    }

    @Test
    void shouldRefuseResolutionProposedAsAJointAction() {
        assertRejected(send(Fixtures.propose(kase.getCaseId(), "DE", ActionType.RESOLVE_CASE), "DE"), "de-duty-primary",
                "actionType: RESOLVE_CASE is proposed with the RESOLVE command");
    }

    @Test
    void shouldRefuseVoteOnUnknownAction() {
        assertRejected(send(Fixtures.vote(kase.getCaseId(), "DE", "nope", io.aegis.schema.response.VoteChoice.YES), "DE"),
                "de-duty-primary", "actionId: case " + kase.getCaseId() + " has no action nope");
    }

    @Test
    void shouldRefuseLoweringToTheSameOrHigherTier() {
        CaseCommand lower = Fixtures.command(kase.getCaseId(), "DE", CommandType.LOWER_TIER);
        lower.setTargetTier(Tier.CRITICAL);

        assertRejected(send(lower, "DE"), "de-duty-primary", "targetTier: must be below the case tier SEVERE, got CRITICAL");
    }

    @Test
    void shouldRefuseLoweringToATierWithoutAnAckDeadline() {
        // an open ADVISORY case would have no acknowledgement deadline and stall silently
        CaseCommand lower = Fixtures.command(kase.getCaseId(), "DE", CommandType.LOWER_TIER);
        lower.setTargetTier(Tier.ADVISORY);

        CaseOutcome outcome = send(lower, "DE");

        assertRejected(outcome, "de-duty-primary", "targetTier: must be ELEVATED or above, the lowest tier from which every"
                + " tier has an acknowledgement deadline (ackDeadlines), so that the case cannot stall; to close the case"
                + " propose RESOLVE; got ADVISORY");
        assertTrue(kase(outcome).getActions().isEmpty());
    }

    @Test
    void shouldRefuseASecondLoweringWhileOneIsPending() {
        // two pending lowerings could pass in either order, the later one raising the tier again
        CaseCommand first = Fixtures.command(kase.getCaseId(), "DE", CommandType.LOWER_TIER);
        first.setTargetTier(Tier.ELEVATED);
        EmergencyCase proposed = kase(send(first, "DE"));
        CaseCommand second = Fixtures.command(kase.getCaseId(), "JP", CommandType.LOWER_TIER);
        second.setTargetTier(Tier.ELEVATED);

        CaseOutcome outcome = workflow.onCommand(Optional.of(proposed), second, "JP", T0.plusSeconds(90));

        assertRejected(outcome, "jp-duty-primary", "type: a tier lowering is already proposed as action "
                + kase.getCaseId() + ":action-1; vote on it");
    }

    @Test
    void shouldRefuseOverlongText() {
        CaseOutcome outcome = send(Fixtures.comment(kase.getCaseId(), "DE", "x".repeat(4001)), "DE");

        assertRejected(outcome, "de-duty-primary", "text: must be at most 4000 characters, got 4001");
    }

    @Test
    void shouldAnswerCommandForUnknownCaseToItsOfficerOnly() {
        // there is no case to record the attempt on, but the officer must not be left guessing
        CaseCommand command = Fixtures.ack("case-0000000000000000-1", "FR");

        CaseOutcome outcome = workflow.onCommand(Optional.empty(), command, "FR", T0);

        assertTrue(outcome.kase().isEmpty());
        assertTrue(outcome.events().isEmpty());
        assertEquals(List.of("fr-duty-primary"), Fixtures.recipients(outcome));
        assertTrue(outcome.notifications().get(0).getMessage().startsWith("caseId: no case case-0000000000000000-1 exists"));
    }

    @Test
    void shouldRecordCommentFromInvolvedCountry() {
        CaseOutcome outcome = send(Fixtures.comment(kase.getCaseId(), "JP", "  Provider contacted.  "), "JP");

        assertEquals(List.of(CaseEventType.COMMENTED), types(outcome));
        assertEquals("Provider contacted.", outcome.events().get(0).getDetail());
        assertEquals("JP", outcome.events().get(0).getActorCountry());
        assertEquals("jp-duty-primary", outcome.events().get(0).getActorOfficer());
    }
}
