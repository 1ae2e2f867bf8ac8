package io.aegis.replay.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioHistory;
import io.aegis.schema.response.EmergencyCase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A report made for one member must tell it no more than its own topics did: in the scenario, FR
 * shared s1 with DE only (JP was withheld it), DE shared s2 and JP shared s3 (redacted) with FR.
 */
class MemberViewTest {

    private static final TimeRange DAY = TimeRange.parse("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", Instant.EPOCH);
    private static final Instant GENERATED = Instant.parse("2026-11-21T08:00:00Z");

    private final Scenario scenario = new Scenario();

    private String reportFor(RecordedHistory history, String country) {
        TimelineReport report = MemberView.label(TimelineAssembler.assemble(new TimelineQuery(null, DAY, null, null),
                MemberView.of(history, country), GENERATED), country);
        return JsonReport.render(report);
    }

    @Test
    void shouldTellAMemberNothingOfASignalWithheldFromIt() {
        String jp = reportFor(ScenarioHistory.of(scenario), "JP");

        assertTrue(jp.contains("\"s3\""), "JP's own signal is in its report");
        assertFalse(jp.contains("\"s1\""), "s1 was withheld from JP: its id must not appear");
        assertFalse(jp.contains("\"s2\""), "s2 was never shared with JP");
        assertFalse(jp.contains("amber-to-trusted"), "FR's rules are FR's");
        assertFalse(jp.contains("fr-agency") || jp.contains("de-agency"));
        assertTrue(jp.contains("as seen by JP"));
    }

    @Test
    void shouldShowWhatAMemberReceivedButNotTheOriginsPolicyOrTheCentresCaseRecord() {
        RecordedHistory history = ScenarioHistory.of(scenario);
        EmergencyCase copy = EmergencyCase.newBuilder(scenario.emergencyCase).setCopyFor("FR").setSignalIds(List.of("s1", "s2"))
                .setReportingCountries(List.of("DE", "FR")).setUnnamedSignalCount(0).build();
        history.caseCopies().add(new Recorded<>("aegis.inbox.FR", 0, 7, 0, Scenario.CASE_ID, copy));

        String fr = reportFor(history, "FR");

        assertTrue(fr.contains("\"s2\"") && fr.contains("\"s3\""), "FR received s2 and s3");
        assertFalse(fr.contains("\"strip\""), "JP's REDACT rule is JP's policy, not FR's to see");
        assertFalse(fr.contains("share-green"), "nor JP's ALLOW rule");
        assertEquals(1, history.cases().size());
    }
}
