package io.aegis.node.taxii;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaxiiMediaTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/taxii+json;version=2.1", "application/taxii+json", "APPLICATION/TAXII+JSON; version=2.1",
            "*/*", "application/*", "text/html, application/taxii+json;version=2.1;q=0.9", "application/taxii+json;version=\"2.1\""})
    void shouldAcceptTaxii21OrAnyType(String accept) {
        assertTrue(TaxiiMedia.acceptable(accept), accept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/taxii+json;version=2.0", "application/json", "text/html",
            "application/stix+json;version=2.1", "application/taxii+json;charset=utf-8;version=2.1"})
    void shouldRefuseOtherVersionsAndTypes(String accept) {
        assertFalse(TaxiiMedia.acceptable(accept), accept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/taxii+json;version=2.0", "application/taxii+json;version=2.1;q=1", ""})
    void shouldTakeOnlyTaxii21Bodies(String type) {
        assertFalse(TaxiiMedia.taxiiContent(type), type);
    }

    @org.junit.jupiter.api.Test
    void shouldWriteTimestampsWithTheCursorsMicroseconds() {
        assertEquals("2026-12-03T10:00:00.123456Z", TaxiiMedia.timestamp(Instant.parse("2026-12-03T10:00:00.123456789Z")));
        assertEquals("2026-12-03T10:00:00.000000Z", TaxiiMedia.timestamp(Instant.parse("2026-12-03T10:00:00Z")));
        assertTrue(TaxiiMedia.taxiiContent("application/taxii+json;version=2.1"));
    }
}
