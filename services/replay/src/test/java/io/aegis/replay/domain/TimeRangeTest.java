package io.aegis.replay.domain;

import io.aegis.replay.ReplayException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void shouldAcceptInstantsNowAndDurationsBeforeNow() {
        TimeRange range = TimeRange.parse("-PT2H", "now", NOW);

        assertEquals(Instant.parse("2026-11-21T10:00:00Z"), range.from());
        assertEquals(NOW, range.to());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"),
                TimeRange.parse("2026-11-20T10:00:00Z", "now", NOW).from());
    }

    @Test
    void shouldIncludeFromAndExcludeTo() {
        TimeRange range = TimeRange.parse("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", NOW);

        assertTrue(range.contains(Instant.parse("2026-11-20T10:00:00Z")));
        assertFalse(range.contains(Instant.parse("2026-11-20T11:00:00Z")));
        assertTrue(range.contains(Instant.parse("2026-11-20T10:59:59.999Z").toEpochMilli()));
    }

    @Test
    void shouldNameOptionAndRuleWhenTimeIsMalformedOrReversed() {
        ReplayException malformed = assertThrows(ReplayException.class, () -> TimeRange.parse("yesterday", "now", NOW));
        assertEquals(ReplayException.USAGE, malformed.exitCode());
        assertTrue(malformed.getMessage().startsWith("--from: 'yesterday' is not an ISO-8601 instant"), malformed.getMessage());

        ReplayException reversed = assertThrows(ReplayException.class, () -> TimeRange.parse("now", "-PT1H", NOW));
        assertTrue(reversed.getMessage().startsWith("--from must be before --to"), reversed.getMessage());
    }
}
