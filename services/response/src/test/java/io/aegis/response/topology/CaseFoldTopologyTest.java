package io.aegis.response.topology;

import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.fact;
import static io.aegis.response.domain.Fixtures.groupUpdate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.SignalDisclosure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processor folds an absorbed group's case into the survivor's in the one step that handles the
 * merging record: both cases are stored and written together, and the absorbed group's later records
 * reach the survivor's case.
 */
class CaseFoldTopologyTest {

    private static final String ABSORBED = "campaign:other";

    private final ResponseDriver driver = new ResponseDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldResolveTheAbsorbedCaseAndGrowTheSurvivorsInTheStepOfTheMergingRecord() {
        // given two open cases, one per group
        driver.escalate(escalation(Tier.SEVERE, Tier.ELEVATED, "DE", "FR"));
        driver.escalate(absorbedCase());
        Map<String, EmergencyCase> before = latest(driver.cases.readValuesToList());
        String survivorId = idOf(before, io.aegis.response.domain.Fixtures.GROUP);
        String absorbedId = idOf(before, ABSORBED);

        // when a group update of the survivor names the absorbed group
        Escalation merging = groupUpdate(Tier.SEVERE, fact("s-m", "DE", Attribution.COUNTRY, "FR"), "DE", "FR", "JP", "KE");
        merging.setAbsorbedGroups(List.of(ABSORBED));
        driver.escalate(merging);

        // then both cases come out of that step: the survivor lists every signal, the absorbed one is merged into it
        Map<String, EmergencyCase> after = latest(driver.cases.readValuesToList());
        assertEquals(2, after.size(), after.keySet().toString());
        EmergencyCase survivor = after.get(survivorId);
        assertTrue(survivor.getSignalIds().containsAll(List.of("s-ke", "s-m")), survivor.getSignalIds().toString());
        assertEquals(List.of("DE", "FR", "JP", "KE"), survivor.getInvolvedCountries().stream().sorted().toList());
        EmergencyCase absorbed = after.get(absorbedId);
        assertEquals(CaseState.RESOLVED, absorbed.getState());
        assertEquals("merged into " + survivorId, absorbed.getResolution());

        // when a late disclosure update of the absorbed group arrives (s-ke retracted)
        Escalation late = escalation(Tier.SEVERE, null);
        late.setCorrelationKey(ABSORBED);
        late.setDisclosureUpdate(true);
        late.setSignalIds(List.of());
        late.setDisclosures(List.of(new SignalDisclosure("s-ke", "KE", false, Attribution.ANONYMOUS, List.of())));
        driver.escalate(late);

        // then it narrows the survivor's case, which now holds s-ke, and leaves the resolved one alone
        List<EmergencyCase> narrowed = driver.cases.readValuesToList();
        assertEquals(List.of(survivorId), narrowed.stream().map(EmergencyCase::getCaseId).distinct().toList());
        SignalDisclosure ke = narrowed.get(narrowed.size() - 1).getDisclosures().stream()
                .filter(d -> d.getSignalId().equals("s-ke")).findFirst().orElseThrow();
        assertTrue(ke.getAudience().isEmpty(), ke.toString());
    }

    @Test
    void shouldOpenTheSurvivorsCaseFromTheMergingRecordWhenItHasNone() {
        // given only the absorbed group has a case
        driver.escalate(absorbedCase());
        String absorbedId = driver.cases.readValuesToList().get(0).getCaseId();

        // when the survivor's group update (no tier change, which alone would open nothing) names it
        Escalation merging = groupUpdate(Tier.SEVERE, fact("s-m", "DE", Attribution.COUNTRY, "FR"), "DE", "JP", "KE");
        merging.setAbsorbedGroups(List.of(ABSORBED));
        driver.escalate(merging);

        // then the survivor's case opens to take in the incident, and the absorbed case is merged into it
        Map<String, EmergencyCase> after = latest(driver.cases.readValuesToList());
        EmergencyCase survivor = after.values().stream().filter(c -> !c.getCaseId().equals(absorbedId)).findFirst().orElseThrow();
        assertEquals(CaseState.OPEN, survivor.getState());
        assertTrue(survivor.getSignalIds().containsAll(List.of("s-ke", "s-m")), survivor.getSignalIds().toString());
        assertEquals("merged into " + survivor.getCaseId(), after.get(absorbedId).getResolution());
        assertFalse(driver.notifyOf("KE").readValuesToList().isEmpty());
    }

    private static Escalation absorbedCase() {
        Escalation escalation = escalation(Tier.SEVERE, Tier.ELEVATED, "JP", "KE");
        escalation.setCorrelationKey(ABSORBED);
        escalation.setSignalIds(List.of("s-ke"));
        escalation.setDisclosures(List.of(fact("s-ke", "KE", Attribution.ANONYMOUS, "JP")));
        return escalation;
    }

    private static Map<String, EmergencyCase> latest(List<EmergencyCase> records) {
        Map<String, EmergencyCase> latest = new LinkedHashMap<>();
        records.forEach(kase -> latest.put(kase.getCaseId(), kase));
        return latest;
    }

    private static String idOf(Map<String, EmergencyCase> cases, String correlationKey) {
        return cases.values().stream().filter(c -> c.getCorrelationKey().equals(correlationKey)).findFirst().orElseThrow()
                .getCaseId();
    }
}
