package io.aegis.replay.whatif;

import io.aegis.replay.domain.TimeRange;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Escalation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EscalationDiffTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final TimeRange RANGE = new TimeRange(T0, T0.plus(Duration.ofHours(6)));

    @Test
    void shouldSortChangesIntoGainedLostEarlierLaterAndUnchanged() {
        List<Escalation> actual = List.of(
                escalation("a", Tier.ELEVATED, 10), escalation("a", Tier.SEVERE, 20), escalation("b", Tier.ELEVATED, 30),
                escalation("c", Tier.ELEVATED, 40));
        List<Escalation> candidate = List.of(
                escalation("a", Tier.ELEVATED, 10), escalation("a", Tier.SEVERE, 15), escalation("c", Tier.ELEVATED, 50),
                escalation("d", Tier.CRITICAL, 60));

        WhatIfReport report = EscalationDiff.compare(RANGE, actual, candidate, ResponseTiming.DEFAULT, "new.yaml",
                "recorded escalations", 12);

        assertEquals(1, report.unchanged());
        assertEquals(List.of("a|SEVERE|-300"), keys(report.earlier()));
        assertEquals(List.of("c|ELEVATED|600"), keys(report.later()));
        assertEquals(List.of("b|ELEVATED|0"), keys(report.lost()));
        assertEquals(List.of("d|CRITICAL|0"), keys(report.gained()));
        assertTrue(report.changed());
    }

    @Test
    void shouldStateWhatGainedEscalationMeansForResponseClocks() {
        WhatIfReport report = EscalationDiff.compare(RANGE, List.of(), List.of(escalation("d", Tier.CRITICAL, 60)),
                ResponseTiming.DEFAULT, "new.yaml", "recorded escalations", 1);

        Change gained = report.gained().get(0);
        assertTrue(gained.opensCase());
        assertEquals(T0.plusSeconds(3600 + 15 * 60), gained.ackDueAt());
        assertNull(gained.actualAt());
    }

    @Test
    void shouldIgnoreWarmUpEscalationsBeforeTheRange() {
        Escalation warmUp = Escalation.newBuilder(escalation("a", Tier.ELEVATED, 0)).setEscalatedAt(T0.minusSeconds(60)).build();

        WhatIfReport report = EscalationDiff.compare(RANGE, List.of(), List.of(warmUp), ResponseTiming.DEFAULT,
                "new.yaml", "recorded escalations", 1);

        assertFalse(report.changed());
    }

    @Test
    void shouldReadOpenTierAndDeadlinesFromResponseRules() throws Exception {
        Path file = Files.createTempFile("response", ".yaml");
        Files.writeString(file, "openTier: CRITICAL\nackDeadlines:\n  CRITICAL: PT5M\n");

        ResponseTiming timing = ResponseTiming.load(file);

        assertFalse(timing.opensCase(Tier.SEVERE));
        assertEquals(T0.plusSeconds(300), timing.ackDue(Tier.CRITICAL, T0).orElseThrow());
        assertTrue(timing.ackDue(Tier.SEVERE, T0).isEmpty());
    }

    private static List<String> keys(List<Change> changes) {
        return changes.stream().map(c -> c.correlationKey() + "|" + c.tier() + "|" + c.deltaSeconds()).toList();
    }

    private static Escalation escalation(String key, Tier tier, int minute) {
        Instant at = T0.plusSeconds(minute * 60L);
        return Escalation.newBuilder().setEscalationId(key + tier).setCorrelationKey(key).setTier(tier)
                .setRules(List.of("r")).setReason("test").setSignalIds(List.of("s")).setWindow("PT1H")
                .setWindowStart(at.minusSeconds(3600)).setWindowEnd(at).setEscalatedAt(at).build();
    }
}
