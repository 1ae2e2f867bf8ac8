package io.aegis.response.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseSettingsTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration QUARTER = Duration.ofMinutes(15);

    private static ResponseSettings settings(Tier openTier, Map<Tier, Duration> deadlines) {
        return new ResponseSettings(openTier, deadlines, ResponseSettings.TWO_THIRDS, Map.of(), List.of());
    }

    @Test
    void shouldRefuseRulesWhereATierFromTheOpenTierUpHasNoAckDeadline() {
        // a CRITICAL case without a deadline would wait on nothing: the rules must not allow it
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> settings(Tier.SEVERE, Map.of(Tier.SEVERE, HOUR)));

        assertEquals("ackDeadlines.CRITICAL: is required: every tier from openTier SEVERE up needs an acknowledgement"
                + " deadline, or its open cases would stall silently", error.getMessage());
    }

    @Test
    void shouldPutTheLoweringFloorAtTheLowestTierOfTheUnbrokenRunOfDeadlinesUpToCritical() {
        // given ADVISORY has a deadline but ELEVATED, above it, has none
        ResponseSettings gap = settings(Tier.SEVERE, Map.of(Tier.ADVISORY, DAY, Tier.SEVERE, HOUR, Tier.CRITICAL, QUARTER));

        // then a case may be lowered no further than SEVERE; with the defaults, to ELEVATED
        assertEquals(Tier.SEVERE, gap.ackFloor());
        assertEquals(Tier.ELEVATED, ResponseSettings.defaults().ackFloor());
    }

    @Test
    void shouldGiveATierWithoutItsOwnDeadlineThatOfTheNearestTierAbove() {
        ResponseSettings gap = settings(Tier.SEVERE, Map.of(Tier.ADVISORY, DAY, Tier.SEVERE, HOUR, Tier.CRITICAL, QUARTER));

        assertEquals(DAY, gap.ackDeadlineFor(Tier.NOTICE));
        assertEquals(DAY, gap.ackDeadlineFor(Tier.ADVISORY));
        assertEquals(HOUR, gap.ackDeadlineFor(Tier.ELEVATED));
        assertEquals(QUARTER, gap.ackDeadlineFor(Tier.CRITICAL));
    }
}
