package io.aegis.replay.timeline;

import io.aegis.replay.domain.RecordedHistory;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioHistory;
import io.aegis.schema.common.Category;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineAssemblerTest {

    private static final TimeRange DAY = TimeRange.parse("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", Instant.EPOCH);
    private static final Instant GENERATED = Instant.parse("2026-11-21T00:00:00Z");

    private final Scenario scenario = new Scenario();
    private final RecordedHistory history = ScenarioHistory.of(scenario);

    @Test
    void shouldFollowCaseThroughItsGroupsSignalsOnly() {
        TimelineReport report = TimelineAssembler.assemble(new TimelineQuery(Scenario.CASE_ID, DAY, null, null),
                history, GENERATED);

        assertEquals(Map.of("SIGNAL", 2, "ROUTING", 3, "DELIVERY", 2, "RECEIPT", 1, "COORDINATION", 2,
                "ESCALATION", 1, "CASE", 4, "NOTIFICATION", 3, "COMMAND", 2), report.counts());
        assertTrue(report.events().stream().noneMatch(event -> "s3".equals(event.signalId())));
        assertEquals("Case case-1", report.title());
    }

    @Test
    void shouldOrderEventsByBusinessTime() {
        TimelineReport report = TimelineAssembler.assemble(new TimelineQuery(null, DAY, null, null), history, GENERATED);

        List<Instant> times = report.events().stream().map(TimelineEvent::at).toList();
        assertEquals(times.stream().sorted().toList(), times);
        assertEquals(24, report.events().size());
    }

    @Test
    void shouldKeepRecordedOrderOfEventsStampedInTheSameMillisecond() {
        // why: a workflow step writes several case events at one instant; offset 10 must not come before offset 9
        io.aegis.replay.domain.Recorded<io.aegis.schema.response.CaseEvent> last =
                history.caseEvents().get(history.caseEvents().size() - 1);
        Instant same = last.value().getAt().plusSeconds(1);
        for (int i = 1; i <= 12; i++) {
            io.aegis.schema.response.CaseEvent next = io.aegis.schema.response.CaseEvent.newBuilder(last.value())
                    .setSequence(last.value().getSequence() + i).setAt(same).build();
            history.caseEvents().add(new io.aegis.replay.domain.Recorded<>(last.topic(), last.partition(), last.offset() + i,
                    same.toEpochMilli(), last.key(), next));
        }

        TimelineReport report = TimelineAssembler.assemble(new TimelineQuery(Scenario.CASE_ID, DAY, null, null), history, GENERATED);

        List<Long> sequences = report.events().stream().filter(e -> e.kind() == EventKind.CASE)
                .map(e -> Long.parseLong(e.details().get("sequence"))).toList();
        assertEquals(sequences.stream().sorted().toList(), sequences);
    }

    @Test
    void shouldMeasureTimeToAcknowledgeFromNotificationPerOfficerAndTier() {
        TimelineReport report = TimelineAssembler.assemble(new TimelineQuery(Scenario.CASE_ID, DAY, null, null),
                history, GENERATED);

        assertEquals(List.of(
                new AckTime("de-duty-1", "DE", "SEVERE", 1, 1, 1020, 1020),
                new AckTime("de-duty-2", "DE", "SEVERE", 1, 0, -1, -1),
                new AckTime("fr-duty-1", "FR", "SEVERE", 1, 1, 420, 420)), report.ackTimes());
    }

    @Test
    void shouldFallBackToCaseEventsWhenNotificationsWereNotReadable() {
        RecordedHistory withoutNotifications = ScenarioHistory.of(scenario);
        withoutNotifications.notifications().clear();

        TimelineReport report = TimelineAssembler.assemble(new TimelineQuery(Scenario.CASE_ID, DAY, null, null),
                withoutNotifications, GENERATED);

        // FR acknowledged 7 minutes after the NOTIFIED event (10:03:02 → 10:10:02)
        assertEquals(new AckTime("fr-duty-1", "FR", "SEVERE", 1, 1, 420, 420), report.ackTimes().get(1));
    }

    @Test
    void shouldExplainWhoReceivedWhatWithPolicyVersionAndRules() {
        TimelineReport report = TimelineAssembler.assemble(new TimelineQuery(null, DAY, "JP", null), history, GENERATED);

        // JP received nothing of s1: the withholding decision is the only row about JP
        Delivery withheld = report.deliveries().stream().filter(d -> d.destination().equals("JP")).findFirst().orElseThrow();
        assertEquals("WITHHOLD", withheld.outcome());
        assertEquals(3, withheld.policyVersion());
        assertEquals(null, withheld.deliveredAt());
    }

    @Test
    void shouldSelectCategoryAcrossSignalsEscalationsAndCases() {
        TimelineReport report = TimelineAssembler.assemble(
                new TimelineQuery(null, DAY, null, Category.DEEPFAKE_FRAUD), history, GENERATED);

        assertEquals(Map.of("SIGNAL", 2, "ROUTING", 3, "DELIVERY", 2, "RECEIPT", 1, "COORDINATION", 2,
                "ESCALATION", 1, "CASE", 4, "NOTIFICATION", 3, "COMMAND", 2), report.counts());
    }
}
