package io.aegis.response.topology;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.escalation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.response.domain.CaseIds;
import io.aegis.response.domain.Fixtures;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.SignalDisclosure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Need to know on the case path, through the real response topology: each member's inbox copy of a
 * case and its notifications name a signal, or its origin, only where the origin's policy let that
 * member receive it (Guarantee 6); the rest is counted.
 */
class NeedToKnowTopologyTest {

    private static final String CASE_ID = CaseIds.caseId(Fixtures.GROUP, 1);

    private final ResponseDriver driver = new ResponseDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountButNotNameASignalWithheldFromAMember() {
        // given: JP's signal went to FR only (say RED with recipients [FR]); FR's and DE's went to each other
        driver.escalate(withFacts(escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE", "JP"),
                fact("s-fr", "FR", Attribution.COUNTRY, new Delivery("DE", null)),
                fact("s-de", "DE", Attribution.COUNTRY, new Delivery("FR", null)),
                fact("s-jp", "JP", Attribution.COUNTRY, new Delivery("FR", null))));

        // then: DE's copy names its own and FR's signal, counts JP's, and names JP nowhere
        EmergencyCase de = copyOf("DE");
        assertEquals("DE", de.getCopyFor());
        assertEquals(List.of("s-fr", "s-de"), de.getSignalIds());
        assertEquals(List.of("DE", "FR"), de.getReportingCountries());
        assertEquals(1, de.getUnnamedSignalCount());
        assertEquals(List.of("DE", "FR"), de.getInvolvedCountries());
        assertEquals(3, de.getInvolvedCount(), "the count of involved countries is not a name");
        assertTrue(de.getDisclosures().isEmpty(), "member copies carry no per-signal facts");
        assertNotNamed(de.toString(), "JP", "s-jp");
        Notification told = only(driver.notifyOf("DE").readValuesToList());
        assertTrue(told.getMessage().contains("Reporting countries: DE, FR; 1 further report(s) from members who did not"
                + " share them with you"), told.getMessage());
        assertNotNamed(told.toString(), "JP", "s-jp");
        // while FR, which received all three, may know them all
        assertEquals(List.of("s-fr", "s-de", "s-jp"), copyOf("FR").getSignalIds());
        // and the coordination centre's own record keeps every fact
        EmergencyCase centre = last(driver.cases.readValuesToList());
        assertEquals(3, centre.getDisclosures().size());
        assertEquals(List.of("DE", "FR", "JP"), centre.getInvolvedCountries());
    }

    @Test
    void shouldNeverNameAnAnonymousOrigin() {
        // given: FR shares anonymously with DE and JP; JP reports under its name to DE
        driver.escalate(withFacts(escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "JP"),
                fact("s-fr", "FR", Attribution.ANONYMOUS, new Delivery("DE", null), new Delivery("JP", null)),
                fact("s-jp", "JP", Attribution.AGENCY, new Delivery("DE", null))));

        // then: JP may know the signal it received, not who sent it; FR appears in no copy but its own
        EmergencyCase jp = copyOf("JP");
        assertEquals(List.of("s-fr", "s-jp"), jp.getSignalIds());
        assertEquals(List.of("JP"), jp.getReportingCountries());
        assertEquals(List.of("JP"), jp.getInvolvedCountries());
        assertNotNamed(jp.toString(), "FR");
        for (Notification told : driver.notifyOf("JP").readValuesToList()) {
            assertNotNamed(told.toString(), "FR");
            assertTrue(told.getMessage().contains("Reporting countries: JP (window"), told.getMessage());
        }
        // FR itself reads its own signal and its own name
        EmergencyCase fr = copyOf("FR");
        assertEquals(List.of("s-fr"), fr.getSignalIds());
        assertEquals(List.of("FR"), fr.getReportingCountries());
        assertEquals(1, fr.getUnnamedSignalCount(), "JP's signal did not reach FR");
    }

    @Test
    void shouldNameAnEmbargoedSignalOnlyAfterItsRelease() {
        // given: FR's signal reached JP at once and reaches DE only when its embargo ends an hour later
        Instant release = T0.plus(Duration.ofHours(1));
        driver.escalate(withFacts(escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE", "JP"),
                fact("s-fr", "FR", Attribution.COUNTRY, new Delivery("JP", null), new Delivery("DE", release))));

        // then: before the release DE's copy and notification count it
        EmergencyCase before = copyOf("DE");
        assertEquals(List.of(), before.getSignalIds());
        assertEquals(1, before.getUnnamedSignalCount());
        assertNotNamed(before.toString(), "FR", "s-fr");
        assertNotNamed(only(driver.notifyOf("DE").readValuesToList()).toString(), "FR", "s-fr");

        // when: the case changes after the release (DE acknowledges two hours later)
        driver.advance(Duration.ofHours(2));
        driver.command("DE", Fixtures.ack(CASE_ID, "DE"));

        // then: DE's next copy names the signal and its origin
        EmergencyCase after = copyOf("DE");
        assertEquals(List.of("s-fr"), after.getSignalIds());
        assertEquals(List.of("FR"), after.getReportingCountries());
        assertEquals(0, after.getUnnamedSignalCount());
        assertTrue(after.getInvolvedCountries().contains("FR"));
    }

    @Test
    void shouldNoLongerNameARetractedSignalToAMemberThatHadItOnlyUnderAnEmbargo() {
        // given: FR's signal reached JP at once and was to reach DE when its embargo ended an hour later
        Instant release = T0.plus(Duration.ofHours(1));
        driver.escalate(withFacts(escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE", "JP"),
                fact("s-fr", "FR", Attribution.COUNTRY, new Delivery("JP", null), new Delivery("DE", release)),
                fact("s-jp", "JP", Attribution.COUNTRY, new Delivery("DE", null), new Delivery("FR", null))));
        EmergencyCase opened = last(driver.cases.readValuesToList());
        drainNotifications();

        // when: FR retracts it before the release (its embargoed copy to DE is cancelled)
        driver.escalate(update(new SignalDisclosure("s-fr", "FR", false, Attribution.ANONYMOUS, List.of())));

        // then: the case narrows without telling anyone or changing its tier, deadline or countries
        EmergencyCase centre = last(driver.cases.readValuesToList());
        assertEquals(opened.getTier(), centre.getTier());
        assertEquals(opened.getAckDeadline(), centre.getAckDeadline());
        assertEquals(opened.getInvolvedCountries(), centre.getInvolvedCountries());
        assertEquals(opened.getSignalIds(), centre.getSignalIds());
        assertTrue(driver.events.readValuesToList().stream().anyMatch(e -> e.getDetail().startsWith("Need to know narrowed")));
        for (String country : List.of("FR", "DE", "JP")) {
            assertTrue(driver.notifyOf(country).readValuesToList().isEmpty(), country + " is not notified of a narrowing");
        }
        // and after the embargo would have ended, DE's next copy still only counts it; JP lost it too
        driver.advance(Duration.ofHours(2));
        driver.command("DE", Fixtures.ack(CASE_ID, "DE"));
        EmergencyCase de = copyOf("DE");
        assertEquals(List.of("s-jp"), de.getSignalIds());
        assertEquals(1, de.getUnnamedSignalCount());
        assertNotNamed(de.toString(), "FR", "s-fr");
        EmergencyCase jp = copyOf("JP");
        assertEquals(List.of("s-jp"), jp.getSignalIds());
        assertNotNamed(jp.toString(), "s-fr");
        // while FR, its origin, is still named its own signal
        assertTrue(copyOf("FR").getSignalIds().contains("s-fr"));
    }

    @Test
    void shouldNoLongerNameADowngradedSignalToAMemberRemovedButStillToThoseKept() {
        // given: FR's signal reached DE and JP at once
        driver.escalate(withFacts(escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE", "JP"),
                fact("s-fr", "FR", Attribution.COUNTRY, new Delivery("DE", null), new Delivery("JP", null))));
        assertEquals(List.of("s-fr"), copyOf("JP").getSignalIds());

        // when: FR downgrades it to DE only (the update may name others: the case never widens)
        driver.escalate(update(fact("s-fr", "FR", Attribution.COUNTRY, new Delivery("DE", null), new Delivery("KE", null))));

        // then: the copies written at once no longer name it to JP, still to DE, and to nobody new
        EmergencyCase jp = copyOf("JP");
        assertEquals(List.of(), jp.getSignalIds());
        assertEquals(1, jp.getUnnamedSignalCount());
        assertNotNamed(jp.toString(), "FR", "s-fr");
        EmergencyCase de = copyOf("DE");
        assertEquals(List.of("s-fr"), de.getSignalIds());
        assertEquals(List.of("FR"), de.getReportingCountries());
        EmergencyCase centre = last(driver.cases.readValuesToList());
        assertEquals(List.of(new Delivery("DE", null)), centre.getDisclosures().get(0).getAudience());
    }

    @Test
    void shouldNeverOpenACaseForADisclosureUpdate() {
        // a group's disclosure update can arrive when no case was ever opened (e.g. below the open tier)
        driver.escalate(update(new SignalDisclosure("s-fr", "FR", false, Attribution.ANONYMOUS, List.of())));

        assertTrue(driver.cases.readValuesToList().isEmpty());
        assertTrue(driver.events.readValuesToList().isEmpty());
        for (String country : List.of("FR", "DE", "JP")) {
            assertTrue(driver.inboxOf(country).isEmpty(), country);
            assertTrue(driver.notifyOf(country).readValuesToList().isEmpty(), country);
        }
    }

    private void drainNotifications() {
        for (String country : List.of("FR", "DE", "JP")) {
            driver.notifyOf(country).readValuesToList();
        }
    }

    private static Escalation update(SignalDisclosure... facts) {
        Escalation update = escalation(Tier.SEVERE, null);
        update.setRules(List.of());
        update.setSignalIds(List.of());
        update.setSignalCount(0);
        update.setDisclosures(List.of(facts));
        update.setDisclosureUpdate(true);
        return update;
    }

    private EmergencyCase copyOf(String country) {
        List<EmergencyCase> copies = driver.inboxOf(country).stream().map(kv -> (EmergencyCase) kv.value.getPayload()).toList();
        assertFalse(copies.isEmpty(), "expected a case copy for " + country);
        return last(copies);
    }

    private static Escalation withFacts(Escalation escalation, SignalDisclosure... facts) {
        escalation.setSignalIds(java.util.Arrays.stream(facts).map(SignalDisclosure::getSignalId).toList());
        escalation.setSignalCount(facts.length);
        escalation.setDisclosures(List.of(facts));
        return escalation;
    }

    private static SignalDisclosure fact(String id, String origin, Attribution attribution, Delivery... audience) {
        return new SignalDisclosure(id, origin, false, attribution, List.of(audience));
    }

    private static void assertNotNamed(String text, String... names) {
        for (String name : names) {
            assertFalse(Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text).find(),
                    name + " must not be named in: " + text);
        }
    }

    private static <T> T only(List<T> values) {
        assertEquals(1, values.size(), values.toString());
        return values.get(0);
    }

    private static <T> T last(List<T> values) {
        return values.get(values.size() - 1);
    }
}
