package io.aegis.response.topology;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.escalation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.response.domain.CaseIds;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.response.domain.Fixtures;
import io.aegis.response.domain.ResponseSettings;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.VoteChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Joint actions and tier lowering through the whole topology: a stricter per-action quorum
 * (FREEZE_FUNDS 3/4, the rest the default 2/3) decides on the votes read from the commands topics,
 * and a lowered case still moves on with the wall clock.
 */
class JointActionTopologyTest {

    private static final String CASE_ID = CaseIds.caseId(Fixtures.GROUP, 1);
    private static final String FREEZE = CASE_ID + ":action-1";
    private static final String HALT = CASE_ID + ":action-2";

    private final ResponseDriver driver = new ResponseDriver(new CaseWorkflow(new ResponseSettings(Tier.SEVERE,
            ResponseSettings.defaults().ackDeadlines(), ResponseSettings.TWO_THIRDS, Map.of(ActionType.FREEZE_FUNDS, 0.75),
            List.of()), Fixtures.rosters(), Fixtures.MEMBERS), T0);

    @BeforeEach
    void openCaseOfThreeCountries() {
        // three countries: two YES make the default two thirds, but not three quarters
        driver.escalate(escalation(Tier.SEVERE, null, "FR", "DE", "JP"));
        eventTypes();
        notifications();
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldHoldActionWithStricterQuorumAtTwoOfThreeYesUntilTheThirdCountryAgrees() {
        // given FR proposes freezing funds (3/4) and halting the deployment (default 2/3)
        driver.command("FR", Fixtures.propose(CASE_ID, "FR", ActionType.FREEZE_FUNDS));
        driver.command("FR", Fixtures.propose(CASE_ID, "FR", ActionType.HALT_DEPLOYMENT));
        eventTypes();
        notifications();

        // when DE votes YES on both
        driver.command("DE", Fixtures.vote(CASE_ID, "DE", FREEZE, VoteChoice.YES));
        driver.command("DE", Fixtures.vote(CASE_ID, "DE", HALT, VoteChoice.YES));

        // then the same two YES pass the halt but leave the freeze open, and only the halt is announced
        assertEquals(List.of(CaseEventType.VOTE_CAST, CaseEventType.VOTE_CAST, CaseEventType.ACTION_PASSED,
                CaseEventType.NOTIFIED), eventTypes());
        assertEquals(List.of("DE:de-duty-primary:ACTION_DECIDED", "FR:fr-duty-primary:ACTION_DECIDED",
                "JP:jp-duty-primary:ACTION_DECIDED"), notifications());
        EmergencyCase kase = lastCase();
        assertEquals(ActionState.PROPOSED, kase.getActions().get(0).getState());
        assertEquals(ActionState.PASSED, kase.getActions().get(1).getState());

        // when JP votes YES on the freeze too
        driver.command("JP", Fixtures.vote(CASE_ID, "JP", FREEZE, VoteChoice.YES));

        // then three of three pass it, with who voted what on record, and every involved officer is told
        List<CaseEvent> decided = driver.events.readValuesToList();
        assertEquals(List.of(CaseEventType.VOTE_CAST, CaseEventType.ACTION_PASSED, CaseEventType.NOTIFIED),
                decided.stream().map(CaseEvent::getType).toList());
        assertEquals("FR:fr-duty-primary:YES,DE:de-duty-primary:YES,JP:jp-duty-primary:YES",
                decided.get(1).getAttributes().get("votes"));
        assertEquals(List.of("DE:de-duty-primary:ACTION_DECIDED", "FR:fr-duty-primary:ACTION_DECIDED",
                "JP:jp-duty-primary:ACTION_DECIDED"), notifications());
        assertEquals(ActionState.PASSED, lastCase().getActions().get(0).getState());
    }

    @Test
    void shouldRejectActionOnceNoVotesMakeItsQuorumUnreachableAndTellEveryInvolvedOfficer() {
        // given FR proposes freezing funds (3/4) and halting the deployment (default 2/3)
        driver.command("FR", Fixtures.propose(CASE_ID, "FR", ActionType.FREEZE_FUNDS));
        driver.command("FR", Fixtures.propose(CASE_ID, "FR", ActionType.HALT_DEPLOYMENT));
        eventTypes();
        notifications();

        // when DE votes NO on both: at most two of three YES remain possible
        driver.command("DE", Fixtures.vote(CASE_ID, "DE", FREEZE, VoteChoice.NO));
        driver.command("DE", Fixtures.vote(CASE_ID, "DE", HALT, VoteChoice.NO));

        // then the freeze can no longer reach 3/4 and is rejected at once, while the halt still waits for JP
        List<CaseEvent> events = driver.events.readValuesToList();
        assertEquals(List.of(CaseEventType.VOTE_CAST, CaseEventType.ACTION_REJECTED, CaseEventType.NOTIFIED,
                CaseEventType.VOTE_CAST), events.stream().map(CaseEvent::getType).toList());
        assertEquals("FR:fr-duty-primary:YES,DE:de-duty-primary:NO", events.get(1).getAttributes().get("votes"));
        assertEquals(List.of("DE:de-duty-primary:ACTION_DECIDED", "FR:fr-duty-primary:ACTION_DECIDED",
                "JP:jp-duty-primary:ACTION_DECIDED"), notifications());
        EmergencyCase kase = lastCase();
        assertEquals(ActionState.REJECTED, kase.getActions().get(0).getState());
        assertEquals(ActionState.PROPOSED, kase.getActions().get(1).getState());

        // and a late YES on the rejected freeze is refused, told to its officer only
        driver.command("JP", Fixtures.vote(CASE_ID, "JP", FREEZE, VoteChoice.YES));
        assertEquals(List.of(CaseEventType.COMMAND_REJECTED), eventTypes());
        assertEquals(List.of("JP:jp-duty-primary:OTHER"), notifications());
    }

    @Test
    void shouldKeepReescalatingALoweredCaseWhenTheWallClockPassesTheLowerTiersDeadline() {
        // given FR acknowledged, and DE and JP vote the case down to ELEVATED (4 h to acknowledge)
        driver.command("FR", Fixtures.ack(CASE_ID, "FR"));
        driver.command("DE", lower(Tier.ELEVATED));
        driver.command("JP", Fixtures.vote(CASE_ID, "JP", CASE_ID + ":action-1", VoteChoice.YES));
        assertEquals(Tier.ELEVATED, lastCase().getTier());
        eventTypes();
        notifications();

        // when the wall clock reaches one second before the new deadline, nothing happens
        driver.advance(Duration.ofHours(4).minusSeconds(1));
        assertEquals(List.of(), eventTypes());

        // when it passes, the countries still silent are re-escalated to their backups
        driver.advance(Duration.ofSeconds(1));
        assertEquals(List.of(CaseEventType.ACK_OVERDUE, CaseEventType.REESCALATED, CaseEventType.NOTIFIED), eventTypes());
        assertEquals(List.of("DE:de-duty-backup:REESCALATED", "JP:jp-duty-backup:REESCALATED"), notifications());
    }

    @Test
    void shouldRefuseLoweringAnOpenCaseToATierWithoutAnAckDeadline() {
        // when DE proposes lowering the open case to ADVISORY, which has no acknowledgement deadline
        driver.command("DE", lower(Tier.ADVISORY));

        // then nothing is proposed: the refusal is recorded and told to DE's officer only
        assertEquals(List.of(CaseEventType.COMMAND_REJECTED), eventTypes());
        assertEquals(List.of("DE:de-duty-primary:OTHER"), notifications());
        assertEquals(List.of(), lastCase().getActions());
    }

    private static CaseCommand lower(Tier target) {
        CaseCommand lower = Fixtures.command(CASE_ID, "DE", CommandType.LOWER_TIER);
        lower.setTargetTier(target);
        return lower;
    }

    private List<CaseEventType> eventTypes() {
        return driver.events.readValuesToList().stream().map(CaseEvent::getType).toList();
    }

    /** Every notification sent since the last call, as "country:officer:kind", countries in order. */
    private List<String> notifications() {
        List<String> sent = new ArrayList<>();
        for (String country : Fixtures.MEMBERS) {
            for (Notification n : driver.notifyOf(country).readValuesToList()) {
                sent.add(country + ":" + n.getOfficerId() + ":" + n.getKind());
            }
        }
        return sent;
    }

    private EmergencyCase lastCase() {
        List<EmergencyCase> states = driver.cases.readValuesToList();
        return states.get(states.size() - 1);
    }
}
