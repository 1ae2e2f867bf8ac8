package io.aegis.response.topology;

import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.fact;
import static io.aegis.response.domain.Fixtures.groupUpdate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cases follow their group through the real topology: group updates grow the open case at once, and
 * the officers already on it get one coalesced CASE_UPDATED per interval, sent by the wall-clock
 * punctuator when the interval ends, worded for what each country may know.
 */
class GroupUpdateTopologyTest {

    private final ResponseDriver driver = new ResponseDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldSendOneCoalescedUpdatePerCountryWhenTheIntervalEnds() {
        // given an open case of FR and DE whose officers were told of a first update a minute later
        driver.escalate(escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE"));
        driver.advance(Duration.ofMinutes(1));
        driver.escalate(groupUpdate(Tier.SEVERE, fact("s-1", "FR", Attribution.COUNTRY, "DE"), "DE", "FR"));
        assertEquals(List.of("CASE_OPENED", "CASE_UPDATED"), kinds("FR"));
        assertEquals(List.of("CASE_OPENED", "CASE_UPDATED"), kinds("DE"));

        // when two more signals join within the interval, one of them shared anonymously with FR only
        driver.advance(Duration.ofSeconds(10));
        driver.escalate(groupUpdate(Tier.SEVERE, fact("s-2", "DE", Attribution.COUNTRY, "FR"), "DE", "FR"));
        driver.advance(Duration.ofSeconds(10));
        driver.escalate(groupUpdate(Tier.SEVERE, fact("s-3", "JP", Attribution.ANONYMOUS, "FR"), "DE", "FR", "JP"));

        // then the case holds them at once, JP joins, and nobody already on the case is told yet
        EmergencyCase centre = last(driver.cases.readValuesToList());
        assertTrue(centre.getSignalIds().containsAll(List.of("s-1", "s-2", "s-3")), centre.getSignalIds().toString());
        assertEquals(List.of("s-2", "s-3"), centre.getPendingUpdateSignals());
        assertEquals(List.of("CASE_OPENED"), kinds("JP"));
        assertEquals(List.of(), kinds("FR"));
        driver.inboxOf("FR").forEach(kv -> assertTrue(((EmergencyCase) kv.value.getPayload()).getPendingUpdateSignals().isEmpty()));

        // when the interval since the first update ends, each country already on the case gets one notice
        driver.advance(Duration.ofSeconds(39));
        assertEquals(List.of(), kinds("FR"));
        driver.advance(Duration.ofSeconds(1));
        List<Notification> fr = driver.notifyOf("FR").readValuesToList();
        List<Notification> de = driver.notifyOf("DE").readValuesToList();
        assertEquals(1, fr.size());
        assertEquals(NotificationKind.CASE_UPDATED, fr.get(0).getKind());
        assertTrue(fr.get(0).getMessage().contains("2 new signal(s): s-2 from DE, s-3; countries joined: 1 not named to you"),
                fr.get(0).getMessage());
        assertEquals(1, de.size());
        assertTrue(de.get(0).getMessage().contains("2 new signal(s): s-2 from DE; 1 from members who did not share them"
                + " with you; countries joined: 1 not named to you"), de.get(0).getMessage());
        assertEquals(List.of(), kinds("JP"), "JP was told of the case as it stood when it joined");
        assertFalse(fr.toString().contains("JP") || de.toString().contains("JP") || de.toString().contains("s-3"));
        assertTrue(last(driver.cases.readValuesToList()).getPendingUpdateSignals().isEmpty());
    }

    private List<String> kinds(String country) {
        return driver.notifyOf(country).readValuesToList().stream().map(n -> n.getKind().name()).toList();
    }

    private static <T> T last(List<T> values) {
        assertFalse(values.isEmpty(), "expected output");
        return values.get(values.size() - 1);
    }
}
