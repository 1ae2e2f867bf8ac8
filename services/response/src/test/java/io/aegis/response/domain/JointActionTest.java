package io.aegis.response.domain;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.kase;
import static io.aegis.response.domain.Fixtures.propose;
import static io.aegis.response.domain.Fixtures.types;
import static io.aegis.response.domain.Fixtures.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.VoteChoice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JointActionTest {

    private final CaseWorkflow workflow = Fixtures.workflow();
    private EmergencyCase kase = kase(workflow.onEscalation(Optional.empty(), escalation(Tier.SEVERE, null, "FR", "DE", "JP"), T0));
    private Instant clock = T0;

    private CaseOutcome apply(CaseCommand command) {
        clock = clock.plusSeconds(10);
        CaseOutcome outcome = workflow.onCommand(Optional.of(kase), command, command.getCountry(), clock);
        kase = outcome.kase().orElse(kase);
        return outcome;
    }

    private JointAction action(int index) {
        return kase.getActions().get(index);
    }

    @Test
    void shouldPassJointActionOnceTwoThirdsOfInvolvedCountriesVoteYes() {
        // given FR proposes halting the deployment (its own YES): 1 of 3 is short of two thirds
        CaseOutcome proposed = apply(propose(kase.getCaseId(), "FR", ActionType.HALT_DEPLOYMENT));
        assertEquals(ActionState.PROPOSED, action(0).getState());
        assertEquals(List.of("de-duty-primary", "jp-duty-primary"), Fixtures.recipients(proposed));
        assertTrue(proposed.notifications().stream().allMatch(n -> n.getKind() == NotificationKind.VOTE_REQUESTED));

        // when DE votes YES
        CaseOutcome decided = apply(vote(kase.getCaseId(), "DE", action(0).getActionId(), VoteChoice.YES));

        // then 2 of 3 pass the action, with who voted what on record
        assertEquals(ActionState.PASSED, action(0).getState());
        assertEquals(List.of(CaseEventType.VOTE_CAST, CaseEventType.ACTION_PASSED, CaseEventType.NOTIFIED), types(decided));
        assertEquals("FR:fr-duty-primary:YES,DE:de-duty-primary:YES", decided.events().get(1).getAttributes().get("votes"));
        assertEquals(clock, action(0).getDecidedAt());
        assertTrue(decided.notifications().stream().allMatch(n -> n.getKind() == NotificationKind.ACTION_DECIDED));
    }

    @Test
    void shouldRejectJointActionOnceQuorumCanNoLongerBeReached() {
        // given a proposal with its proposer's YES
        apply(propose(kase.getCaseId(), "FR", ActionType.FREEZE_FUNDS));

        // when DE votes NO, 1 YES and 1 NO, but JP's YES could still make two thirds
        apply(vote(kase.getCaseId(), "DE", action(0).getActionId(), VoteChoice.NO));
        assertEquals(ActionState.PROPOSED, action(0).getState());

        // and JP abstains: at most 1 of 3 YES
        CaseOutcome outcome = apply(vote(kase.getCaseId(), "JP", action(0).getActionId(), VoteChoice.ABSTAIN));

        // then the action is rejected
        assertEquals(ActionState.REJECTED, action(0).getState());
        assertEquals(CaseEventType.ACTION_REJECTED, outcome.events().get(1).getType());
    }

    @Test
    void shouldAskACountryJoiningTheCaseToVoteOnTheActionsStillOpen() {
        // given FR proposes a halt that DE and JP have not voted on yet
        apply(propose(kase.getCaseId(), "FR", ActionType.HALT_DEPLOYMENT));

        // when KE's report brings it into the case, its vote now counts towards two thirds of four
        clock = clock.plusSeconds(10);
        CaseOutcome joined = workflow.onEscalation(Optional.of(kase), escalation(Tier.SEVERE, null, "FR", "KE"), clock);

        // then KE is told about the case and asked to vote on the open action
        assertEquals(List.of("ke-duty-primary", "ke-duty-primary"), Fixtures.recipients(joined));
        assertEquals(List.of(NotificationKind.CASE_OPENED, NotificationKind.VOTE_REQUESTED),
                joined.notifications().stream().map(n -> n.getKind()).toList());
        assertEquals("vote on " + action(0).getActionId() + " (HALT_DEPLOYMENT)", joined.notifications().get(1).getAsk());
    }

    @Test
    void shouldAskEveryMemberJoiningAtCriticalToVoteOnTheActionsStillOpen() {
        // given a pending freeze and a decided halt
        apply(propose(kase.getCaseId(), "FR", ActionType.FREEZE_FUNDS));
        apply(propose(kase.getCaseId(), "FR", ActionType.HALT_DEPLOYMENT));
        apply(vote(kase.getCaseId(), "DE", action(1).getActionId(), VoteChoice.YES));

        // when the case is raised to CRITICAL, which brings in every member
        CaseOutcome raised = workflow.onEscalation(Optional.of(kase), escalation(Tier.CRITICAL, Tier.SEVERE, "FR"),
                clock.plusSeconds(10));

        // then the members who joined, and only they, are asked to vote on the freeze alone
        List<String> asked = raised.notifications().stream().filter(n -> n.getKind() == NotificationKind.VOTE_REQUESTED)
                .map(n -> n.getOfficerId() + ":" + n.getAsk()).sorted().toList();
        assertEquals(List.of("br-duty-primary:vote on " + action(0).getActionId() + " (FREEZE_FUNDS)",
                "ke-duty-primary:vote on " + action(0).getActionId() + " (FREEZE_FUNDS)"), asked);
    }

    @Test
    void shouldRefuseSecondVoteOfTheSameCountry() {
        apply(propose(kase.getCaseId(), "FR", ActionType.SHARE_MITIGATION));

        CaseOutcome outcome = apply(vote(kase.getCaseId(), "FR", action(0).getActionId(), VoteChoice.NO));

        assertEquals(List.of(CaseEventType.COMMAND_REJECTED), types(outcome));
        assertEquals("vote: FR has already voted on action " + action(0).getActionId(), outcome.events().get(0).getDetail());
    }

    @Test
    void shouldLowerTierOnlyByQuorum() {
        // given a LOWER_TIER to ELEVATED proposed by DE
        CaseCommand lower = Fixtures.command(kase.getCaseId(), "DE", CommandType.LOWER_TIER);
        lower.setTargetTier(Tier.ELEVATED);
        apply(lower);
        assertEquals(Tier.SEVERE, kase.getTier());

        // when JP agrees
        CaseOutcome outcome = apply(vote(kase.getCaseId(), "JP", action(0).getActionId(), VoteChoice.YES));

        // then the tier is lowered, as an audited event, and the open ack round takes the lower tier's deadline
        assertEquals(Tier.ELEVATED, kase.getTier());
        assertEquals(List.of(CaseEventType.VOTE_CAST, CaseEventType.ACTION_PASSED, CaseEventType.TIER_LOWERED,
                CaseEventType.NOTIFIED), types(outcome));
        assertEquals(clock.plus(java.time.Duration.ofHours(4)), kase.getAckDeadline());
    }

    @Test
    void shouldKeepTheOpenRoundOnADeadlineWhenTheLoweredTierLostItsOwnAcrossARestart() {
        // given a LOWER_TIER to ELEVATED proposed under the default rules
        CaseCommand lower = Fixtures.command(kase.getCaseId(), "DE", CommandType.LOWER_TIER);
        lower.setTargetTier(Tier.ELEVATED);
        apply(lower);

        // when the service restarts with rules that give ELEVATED no deadline, and JP's YES passes the lowering
        CaseWorkflow restarted = new CaseWorkflow(new ResponseSettings(Tier.SEVERE,
                Map.of(Tier.SEVERE, Duration.ofMinutes(60), Tier.CRITICAL, Duration.ofMinutes(15)),
                ResponseSettings.TWO_THIRDS, Map.of(), List.of()), Fixtures.rosters(), Fixtures.MEMBERS);
        Instant decided = clock.plusSeconds(10);
        EmergencyCase lowered = kase(restarted.onCommand(Optional.of(kase),
                vote(kase.getCaseId(), "JP", action(0).getActionId(), VoteChoice.YES), "JP", decided));

        // then the still-open case waits on the next tier up's deadline instead of on nothing
        assertEquals(Tier.ELEVATED, lowered.getTier());
        assertEquals(CaseState.OPEN, lowered.getState());
        assertEquals(decided.plus(Duration.ofMinutes(60)), lowered.getAckDeadline());
        assertEquals(Optional.of(decided.plus(Duration.ofMinutes(60))), restarted.nextDue(lowered));
    }

    @Test
    void shouldResolveByQuorumAndCloseWhatWasStillOpen() {
        // given a pending joint action and a resolution proposal
        apply(propose(kase.getCaseId(), "JP", ActionType.ISSUE_PUBLIC_ADVISORY));
        CaseCommand resolve = Fixtures.command(kase.getCaseId(), "FR", CommandType.RESOLVE);
        resolve.setText("Provider disabled the voice model");
        apply(resolve);

        // when DE agrees to resolve
        CaseOutcome outcome = apply(vote(kase.getCaseId(), "DE", action(1).getActionId(), VoteChoice.YES));

        // then the case is resolved, the pending action rejected, and everyone told
        assertEquals(CaseState.RESOLVED, kase.getState());
        assertEquals("Provider disabled the voice model", kase.getResolution());
        assertNull(kase.getAckDeadline());
        assertEquals(ActionState.REJECTED, action(0).getState());
        assertEquals(List.of(CaseEventType.VOTE_CAST, CaseEventType.ACTION_PASSED, CaseEventType.RESOLVED,
                CaseEventType.ACTION_REJECTED, CaseEventType.NOTIFIED), types(outcome));
        assertTrue(outcome.notifications().stream().allMatch(n -> n.getKind() == NotificationKind.CASE_RESOLVED));
        assertEquals(3, outcome.notifications().size());
    }

    @Test
    void shouldAcceptOnlyCommentsOnceResolved() {
        // given a resolved single-country case (the proposer alone is the whole quorum)
        kase = kase(workflow.onEscalation(Optional.empty(), escalation(Tier.SEVERE, null, "KE"), T0));
        apply(Fixtures.command(kase.getCaseId(), "KE", CommandType.RESOLVE));
        assertEquals(CaseState.RESOLVED, kase.getState());

        // when an action is proposed, then it is refused; a comment is still recorded
        assertEquals(List.of(CaseEventType.COMMAND_REJECTED), types(apply(propose(kase.getCaseId(), "KE", ActionType.HALT_DEPLOYMENT))));
        assertEquals(List.of(CaseEventType.COMMENTED), types(apply(Fixtures.comment(kase.getCaseId(), "KE", "after-action notes"))));
    }
}
