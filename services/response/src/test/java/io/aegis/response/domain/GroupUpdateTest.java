package io.aegis.response.domain;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.fact;
import static io.aegis.response.domain.Fixtures.groupUpdate;
import static io.aegis.response.domain.Fixtures.kase;
import static io.aegis.response.domain.Fixtures.recipients;
import static io.aegis.response.domain.Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.SignalDisclosure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cases follow their group: a new signal joining an escalated group without raising its tier grows
 * the group's open case, and the officers already on it are told, at most once per interval.
 */
class GroupUpdateTest {

    private static final Duration INTERVAL = ResponseSettings.DEFAULT_UPDATE_INTERVAL;

    private final CaseWorkflow workflow = Fixtures.workflow();

    private EmergencyCase openCase() {
        return kase(workflow.onEscalation(Optional.empty(), escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE"), T0));
    }

    @Test
    void shouldAddTheSignalAndTheNewReportingCountryToTheOpenCaseAndAskTheJoinerToAcknowledge() {
        // given an open SEVERE case reported by FR and DE
        EmergencyCase open = openCase();

        // when KE's signal joins the group, which stays at SEVERE
        Escalation update = groupUpdate(Tier.SEVERE, fact("s-ke", "KE", Attribution.COUNTRY, "FR", "DE"), "DE", "FR", "KE");
        update.setCategories(List.of(Category.DEEPFAKE_FRAUD, Category.MODEL_THEFT));
        update.setMaxSeverity(5);
        update.setSignalCount(3);
        CaseOutcome outcome = workflow.onEscalation(Optional.of(open), update, T0.plusSeconds(90));

        // then the case holds the signal and its facts, KE takes part and is asked to acknowledge,
        // FR and DE are told at once (no update notice went out before), and the tier is unchanged
        EmergencyCase grown = kase(outcome);
        assertEquals(Tier.SEVERE, grown.getTier());
        assertTrue(grown.getSignalIds().contains("s-ke"), grown.getSignalIds().toString());
        assertEquals(List.of("s-ke"), grown.getDisclosures().stream().map(SignalDisclosure::getSignalId).toList());
        assertEquals(List.of("DE", "FR", "KE"), grown.getInvolvedCountries().stream().sorted().toList());
        assertEquals(List.of("DE", "FR", "KE"), grown.getReportingCountries());
        assertEquals(List.of(Category.DEEPFAKE_FRAUD, Category.MODEL_THEFT), grown.getCategories());
        assertEquals(5, grown.getMaxSeverity());
        assertEquals(3, grown.getSignalCount());
        assertEquals(List.of("distinct-countries"), grown.getRules(), "a group update fires no rule: the last ones stay");
        assertEquals(List.of("de-duty-primary:CASE_UPDATED", "fr-duty-primary:CASE_UPDATED", "ke-duty-primary:CASE_OPENED"),
                told(outcome));
        Notification joiner = only(outcome, "KE");
        assertEquals("acknowledge", joiner.getAsk());
        assertEquals(grown.getAckDeadline(), joiner.getDeadline());
        assertTrue(joiner.getMessage().startsWith("Deepfake fraud and model theft, 3 countries reporting."), joiner.getMessage());
        assertTrue(grown.getPendingUpdateSignals().isEmpty(), "told at once, nothing left pending");
        assertEquals(T0.plusSeconds(90), grown.getUpdateNotifiedAt());
    }

    @Test
    void shouldTellTheOfficersOnTheCaseOncePerIntervalListingEveryChangeAtItsEnd() {
        // given an open case whose officers were last told of an update at T0 + 1 min
        EmergencyCase kase = openCase();
        Instant first = T0.plus(Duration.ofMinutes(1));
        kase = kase(workflow.onEscalation(Optional.of(kase),
                groupUpdate(Tier.SEVERE, fact("s-1", "FR", Attribution.COUNTRY, "DE"), "DE", "FR"), first));

        // when three more updates arrive within the interval, one of them bringing KE
        kase = kase(workflow.onEscalation(Optional.of(kase),
                groupUpdate(Tier.SEVERE, fact("s-2", "DE", Attribution.COUNTRY, "FR"), "DE", "FR"), first.plusSeconds(10)));
        CaseOutcome joins = workflow.onEscalation(Optional.of(kase),
                groupUpdate(Tier.SEVERE, fact("s-3", "KE", Attribution.COUNTRY, "FR", "DE"), "DE", "FR", "KE"),
                first.plusSeconds(20));
        kase = kase(joins);
        CaseOutcome quiet = workflow.onEscalation(Optional.of(kase),
                groupUpdate(Tier.SEVERE, fact("s-4", "FR", Attribution.COUNTRY, "DE"), "DE", "FR", "KE"), first.plusSeconds(30));
        kase = kase(quiet);

        // then nobody already on the case is told yet (KE, joining, is asked to acknowledge), the
        // changes wait on the case, never on a member's copy, and the case is due at the interval's end
        assertEquals(List.of("ke-duty-primary:CASE_OPENED"), told(joins));
        assertEquals(List.of(), told(quiet));
        assertEquals(List.of("s-2", "s-3", "s-4"), kase.getPendingUpdateSignals());
        assertEquals(List.of("KE"), kase.getPendingUpdateCountries());
        assertTrue(CaseCopies.forMember(kase, "FR").getPendingUpdateSignals().isEmpty());
        assertTrue(CaseCopies.forMember(kase, "FR").getPendingUpdateCountries().isEmpty());
        assertEquals(Optional.of(first.plus(INTERVAL)), workflow.nextDue(kase));
        assertEquals(CaseOutcome.none(), workflow.onTick(kase, first.plus(INTERVAL).minusSeconds(1)));

        // when the interval ends, FR and DE get exactly one notice listing all three signals and KE
        CaseOutcome tick = workflow.onTick(kase, first.plus(INTERVAL));
        assertEquals(List.of("de-duty-primary:CASE_UPDATED", "fr-duty-primary:CASE_UPDATED"), told(tick));
        assertEquals(List.of(CaseEventType.OTHER, CaseEventType.NOTIFIED), types(tick));
        String fr = only(tick, "FR").getMessage();
        assertTrue(fr.startsWith("Deepfake fraud, 3 countries reporting. Case " + kase.getCaseId()), fr);
        assertTrue(fr.contains("3 new signal(s): s-2 from DE, s-3 from KE, s-4 from FR; countries joined: KE"), fr);
        assertTrue(only(tick, "DE").getMessage().contains("3 new signal(s): s-2 from DE, s-3 from KE, s-4 from FR;"
                + " countries joined: KE"), only(tick, "DE").getMessage());
        EmergencyCase told = kase(tick);
        assertTrue(told.getPendingUpdateSignals().isEmpty());
        assertEquals(first.plus(INTERVAL), told.getUpdateNotifiedAt());
        assertEquals(told.getAckDeadline(), workflow.nextDue(told).orElseThrow(), "nothing pending: the ack deadline is next");
    }

    @Test
    void shouldOpenNothingForAGroupUpdateWithoutACaseOrWhenTheLatestCaseIsResolved() {
        // a signal after resolution is a new incident, to be given its own group by a later step
        Escalation update = groupUpdate(Tier.CRITICAL, fact("s-1", "FR", Attribution.COUNTRY), "FR", "DE");
        EmergencyCase resolved = EmergencyCase.newBuilder(openCase()).setState(CaseState.RESOLVED).build();

        assertEquals(CaseOutcome.none(), workflow.onEscalation(Optional.empty(), update, T0));
        assertEquals(CaseOutcome.none(), workflow.onEscalation(Optional.of(resolved), update, T0));
    }

    @Test
    void shouldIgnoreAGroupUpdateTheCaseAlreadyHolds() {
        // redelivered after a restart: nothing is told twice
        Escalation update = groupUpdate(Tier.SEVERE, fact("s-1", "FR", Attribution.COUNTRY, "DE"), "DE", "FR");
        EmergencyCase grown = kase(workflow.onEscalation(Optional.of(openCase()), update, T0.plusSeconds(90)));

        assertEquals(CaseOutcome.none(), workflow.onEscalation(Optional.of(grown), update, T0.plusSeconds(95)));
    }

    @Test
    void shouldNeverNameToARecipientASignalOrOriginItMayNotKnow() {
        // given a case of FR, DE and JP, whose last update notice just went out
        EmergencyCase kase = kase(workflow.onEscalation(Optional.empty(),
                escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE", "JP"), T0));
        Instant last = T0.plus(Duration.ofMinutes(1));
        kase = kase(workflow.onEscalation(Optional.of(kase),
                groupUpdate(Tier.SEVERE, fact("s-0", "FR", Attribution.COUNTRY, "DE", "JP"), "DE", "FR", "JP"), last));

        // when JP shares anonymously with FR only, and KE joins with a count-only signal
        kase = kase(workflow.onEscalation(Optional.of(kase),
                groupUpdate(Tier.SEVERE, fact("s-secret", "JP", Attribution.ANONYMOUS, "FR"), "DE", "FR", "JP"),
                last.plusSeconds(5)));
        SignalDisclosure countOnly = new SignalDisclosure("s-counted", "KE", true, Attribution.COUNTRY, List.of());
        CaseOutcome joined = workflow.onEscalation(Optional.of(kase),
                groupUpdate(Tier.SEVERE, countOnly, "DE", "FR", "JP", "KE"), last.plusSeconds(10));
        CaseOutcome tick = workflow.onTick(kase(joined), last.plus(INTERVAL));

        // then FR may read s-secret but not who sent it; DE and JP get counts; KE and s-counted are named to none
        String fr = only(tick, "FR").toString();
        assertTrue(fr.contains("2 new signal(s): s-secret; 1 from members who did not share them with you"), fr);
        assertTrue(fr.contains("countries joined: 1 not named to you"), fr);
        assertNotNamed(fr, "s-counted", "KE", "JP");
        String de = only(tick, "DE").toString();
        assertTrue(de.contains("2 new signal(s), 2 from members who did not share them with you"), de);
        assertNotNamed(de, "s-secret", "s-counted", "KE", "JP");
        String jp = only(tick, "JP").toString();
        assertTrue(jp.contains("2 new signal(s): s-secret from JP; 1 from members"), jp);
        assertNotNamed(jp, "s-counted", "KE");
        // KE, joining, learns nothing of the signals it did not receive
        String ke = only(joined, "KE").toString();
        assertNotNamed(ke, "s-secret", "s-0", "JP");
        assertFalse(kase(tick).getPendingUpdateSignals().contains("s-counted"), "told, so no longer pending");
    }

    @Test
    void shouldTitleTheCaseByItsThreatAndKeepTheTitleCurrent() {
        // given a critical-infrastructure escalation on ENERGY reported by three countries
        Escalation escalation = Fixtures.criticalInfrastructure(Tier.SEVERE, "FR", "DE", "JP");
        escalation.setCategories(List.of(Category.CRITICAL_INFRASTRUCTURE_ATTACK));
        escalation.setReason("3 countries reported CRITICAL_INFRASTRUCTURE_ATTACK within PT1H");
        CaseOutcome opened = workflow.onEscalation(Optional.empty(), escalation, T0);

        // then the title and every notification lead with the threat, then what fired
        EmergencyCase kase = kase(opened);
        assertEquals("Critical-infrastructure attack on ENERGY, 3 countries reporting: 3 countries reported"
                + " CRITICAL_INFRASTRUCTURE_ATTACK within PT1H (distinct-countries)", kase.getTitle());
        opened.notifications().forEach(n -> {
            assertEquals("[SEVERE] " + kase.getTitle(), n.getTitle());
            assertTrue(n.getMessage().startsWith("Critical-infrastructure attack on ENERGY, 3 countries reporting. Escalated"
                    + " to SEVERE"), n.getMessage());
        });

        // when KE joins with a signal on WATER, the title follows the group's figures and still names no country
        Escalation update = groupUpdate(Tier.SEVERE, fact("s-ke", "KE", Attribution.COUNTRY), "DE", "FR", "JP", "KE");
        update.setCategories(List.of(Category.CRITICAL_INFRASTRUCTURE_ATTACK));
        update.setCriticalSectors(List.of(Sector.ENERGY, Sector.WATER));
        EmergencyCase grown = kase(workflow.onEscalation(Optional.of(kase), update, T0.plusSeconds(30)));
        assertEquals("Critical-infrastructure attack on ENERGY, WATER, 4 countries reporting: 3 countries reported"
                + " CRITICAL_INFRASTRUCTURE_ATTACK within PT1H (distinct-countries)", grown.getTitle());
        assertEquals(grown.getTitle(), CaseCopies.forMember(grown, "JP").getTitle());
        assertNotNamed(grown.getTitle(), "FR", "DE", "JP", "KE", "s-ke");
    }

    @Test
    void shouldKeepTheTitleWithinTwoHundredCharacters() {
        Escalation escalation = escalation(Tier.SEVERE, null, "FR", "DE");
        escalation.setCategories(List.of(Category.values()));
        escalation.setReason("x".repeat(300));

        String title = kase(workflow.onEscalation(Optional.empty(), escalation, T0)).getTitle();

        assertEquals(200, title.length());
        assertTrue(title.startsWith("Model misuse, deepfake fraud, disinformation campaign"), title);
        assertTrue(title.endsWith("..."), title);
    }

    private static List<String> told(CaseOutcome outcome) {
        return outcome.notifications().stream().map(n -> n.getOfficerId() + ":" + n.getKind()).sorted().toList();
    }

    private static Notification only(CaseOutcome outcome, String country) {
        List<Notification> toCountry = outcome.notifications().stream().filter(n -> n.getCountry().equals(country)).toList();
        assertEquals(1, toCountry.size(), "notifications to " + country + ": " + toCountry);
        return toCountry.get(0);
    }

    private static void assertNotNamed(String text, String... names) {
        for (String name : names) {
            assertFalse(Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text).find(), name + " named in " + text);
        }
    }
}
