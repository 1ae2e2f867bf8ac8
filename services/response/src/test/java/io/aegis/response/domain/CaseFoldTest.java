package io.aegis.response.domain;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.fact;
import static io.aegis.response.domain.Fixtures.kase;
import static io.aegis.response.domain.Fixtures.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.SignalDisclosure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two escalated groups merged: the absorbed group's open case folds into the survivor's. The survivor's
 * case takes in the incident's evidence and countries, the absorbed case is resolved as merged into it,
 * and everybody told hears only what the origins' policies let them know.
 */
class CaseFoldTest {

    private static final String ABSORBED = "campaign:other";
    private static final Instant FOLD_AT = T0.plusSeconds(60);

    private final CaseWorkflow workflow = Fixtures.workflow();

    /** SEVERE, reported by FR (shared with DE only) and DE (shared with FR only). */
    private EmergencyCase survivor() {
        Escalation escalation = escalation(Tier.SEVERE, Tier.ELEVATED, "DE", "FR");
        escalation.setSignalIds(List.of("s-fr", "s-de"));
        escalation.setDisclosures(List.of(fact("s-fr", "FR", Attribution.COUNTRY, "DE"),
                fact("s-de", "DE", Attribution.COUNTRY, "FR")));
        return kase(workflow.onEscalation(Optional.empty(), escalation, T0));
    }

    /** SEVERE too, reported by KE (anonymously, shared with JP) and JP (shared with KE). */
    private EmergencyCase absorbed() {
        Escalation escalation = escalation(Tier.SEVERE, Tier.ELEVATED, "JP", "KE");
        escalation.setCorrelationKey(ABSORBED);
        escalation.setSignalIds(List.of("s-ke", "s-jp"));
        escalation.setDisclosures(List.of(fact("s-ke", "KE", Attribution.ANONYMOUS, "JP"),
                fact("s-jp", "JP", Attribution.COUNTRY, "KE")));
        return kase(workflow.onEscalation(Optional.empty(), escalation, T0));
    }

    @Test
    void shouldMoveTheAbsorbedCasesEvidenceAndCountriesIntoTheSurvivorsCase() {
        // given two open cases whose groups merged
        EmergencyCase survivor = survivor();
        EmergencyCase absorbed = absorbed();

        // when the absorbed case is folded into the survivor's
        CaseWorkflow.Fold fold = workflow.fold(survivor, absorbed, FOLD_AT);

        // then the survivor's case lists every signal with its facts, and every country takes part
        EmergencyCase merged = kase(fold.survivor());
        assertEquals(survivor.getCaseId(), merged.getCaseId());
        assertEquals(List.of("s-fr", "s-de", "s-ke", "s-jp"), merged.getSignalIds());
        assertEquals(List.of("s-fr", "s-de", "s-ke", "s-jp"),
                merged.getDisclosures().stream().map(SignalDisclosure::getSignalId).toList());
        assertEquals(List.of("DE", "FR", "JP", "KE"), merged.getInvolvedCountries().stream().sorted().toList());
        assertEquals(4, merged.getInvolvedCount());
        assertEquals(List.of("DE", "FR", "JP", "KE"), merged.getReportingCountries());
        assertEquals(Tier.SEVERE, merged.getTier());
        assertEquals(CaseState.OPEN, merged.getState());
        assertTrue(fold.survivor().events().stream().anyMatch(e -> e.getType() == CaseEventType.OTHER
                && absorbed.getCaseId().equals(e.getAttributes().get("absorbedCaseId"))), "the fold is on the record");

        // and the absorbed case is resolved as merged into it, keeping its own history
        EmergencyCase resolved = kase(fold.absorbed());
        assertEquals(CaseState.RESOLVED, resolved.getState());
        assertEquals("merged into " + survivor.getCaseId(), resolved.getResolution());
        assertNull(resolved.getAckDeadline());
        assertEquals(List.of("s-ke", "s-jp"), resolved.getSignalIds());
        assertEquals(CaseEventType.RESOLVED, types(fold.absorbed()).get(0));
        assertEquals(survivor.getCaseId(), fold.absorbed().events().get(0).getAttributes().get("mergedInto"));
    }

    @Test
    void shouldTellTheAbsorbedCasesOfficersWhereTheIncidentContinuesNamingNoSignalOrCountry() {
        EmergencyCase survivor = survivor();

        CaseWorkflow.Fold fold = workflow.fold(survivor, absorbed(), FOLD_AT);

        List<Notification> resolved = fold.absorbed().notifications();
        assertEquals(List.of("JP", "KE"), resolved.stream().map(Notification::getCountry).sorted().toList());
        for (Notification notice : resolved) {
            assertEquals(NotificationKind.CASE_RESOLVED, notice.getKind());
            assertTrue(notice.getMessage().contains("merged into " + survivor.getCaseId()), notice.getMessage());
            assertNotNamed(notice.getTitle() + " " + notice.getMessage(), "FR", "DE", "JP", "KE", "s-fr", "s-de", "s-ke", "s-jp");
        }
    }

    @Test
    void shouldAskTheJoiningCountriesToAcknowledgeNamingOnlyWhatEachMayKnow() {
        CaseWorkflow.Fold fold = workflow.fold(survivor(), absorbed(), FOLD_AT);

        // KE and JP join the survivor's case: asked to acknowledge, each told only reporters it may know
        Notification toKe = only(fold.survivor(), "KE", NotificationKind.CASE_OPENED);
        assertEquals("acknowledge", toKe.getAsk());
        assertTrue(toKe.getMessage().contains("JP"), "KE received JP's report: " + toKe.getMessage());
        assertNotNamed(toKe.getMessage(), "FR", "DE", "s-fr", "s-de");
        Notification toJp = only(fold.survivor(), "JP", NotificationKind.CASE_OPENED);
        assertNotNamed(toJp.getMessage(), "KE", "FR", "DE", "s-fr", "s-de");

        // FR and DE, already on the case, hear of the new reports without learning any they may not know
        for (String country : List.of("FR", "DE")) {
            Notification updated = only(fold.survivor(), country, NotificationKind.CASE_UPDATED);
            assertNotNamed(updated.getMessage(), "KE", "JP", "s-ke", "s-jp");
        }
        // and the member copies of the merged case keep need to know
        EmergencyCase frCopy = CaseCopies.forMember(kase(fold.survivor()), "FR");
        assertEquals(List.of("s-fr", "s-de"), frCopy.getSignalIds());
        assertEquals(2, frCopy.getUnnamedSignalCount());
        assertFalse(frCopy.getReportingCountries().contains("KE"));
    }

    private static Notification only(CaseOutcome outcome, String country, NotificationKind kind) {
        List<Notification> found = outcome.notifications().stream()
                .filter(n -> n.getCountry().equals(country) && n.getKind() == kind).toList();
        assertEquals(1, found.size(), kind + " to " + country + ": " + outcome.notifications());
        return found.get(0);
    }

    private static void assertNotNamed(String text, String... names) {
        for (String name : names) {
            assertFalse(Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text).find(), name + " named in " + text);
        }
    }
}
