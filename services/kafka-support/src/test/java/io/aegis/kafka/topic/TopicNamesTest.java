package io.aegis.kafka.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {

    @Test
    void shouldNameEveryTopicOfTheArchitecture() {
        assertEquals("aegis.outbox.FR", TopicNames.outbox("FR"));
        assertEquals("aegis.inbox.DE", TopicNames.inbox("DE"));
        assertEquals("aegis.commands.JP", TopicNames.commands("JP"));
        assertEquals("aegis.notify.BR", TopicNames.notify("BR"));
        assertEquals("aegis.users.KE", TopicNames.users("KE"));
        assertEquals(List.of("aegis.outbox.FR", "aegis.inbox.FR", "aegis.commands.FR", "aegis.notify.FR", "aegis.users.FR"),
                TopicNames.perCountry("FR"));
        assertEquals(List.of("aegis.coordination.signals", "aegis.routing.audit", "aegis.policies",
                "aegis.escalations", "aegis.cases", "aegis.case-events", "aegis.receipts", "aegis.dlq"),
                TopicNames.SHARED_TOPICS);
        assertEquals("_schemas", TopicNames.SCHEMAS);
    }

    @Test
    void shouldReadTheCountryBackFromAPerCountryTopic() {
        assertEquals("KE", TopicNames.countryOf("aegis.outbox.KE"));
        assertEquals("FR", TopicNames.countryOf(TopicNames.notify("FR")));
        assertTrue(TopicNames.OUTBOX_PATTERN.matcher("aegis.outbox.JP").matches());
        assertFalse(TopicNames.OUTBOX_PATTERN.matcher("aegis.outbox.jp").matches());
        assertTrue(TopicNames.COMMANDS_PATTERN.matcher("aegis.commands.DE").matches());
        assertEquals("JP", TopicNames.countryOf(TopicNames.users("JP")));
    }

    @Test
    void shouldRefuseToTakeACountryFromASharedTopic() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopicNames.countryOf(TopicNames.CASES));

        assertTrue(e.getMessage().contains("'aegis.cases' is not a per-country topic"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "FRA", "F", "", "F1", "FR."})
    void shouldRefuseCountryCodesThatAreNotTwoUpperCaseLetters(String country) {
        // a malformed code could otherwise name a topic outside the ACL scheme, e.g. aegis.outbox.FR.x
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicNames.outbox(country));

        assertTrue(e.getMessage().contains("ISO 3166-1 alpha-2"), e.getMessage());
    }
}
