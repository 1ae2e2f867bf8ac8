package io.aegis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.SignalContent;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void shouldRemoveNamedFieldsAndOnlyThoseIndicatorTypes() {
        SignalContent original = Fixtures.content(Tlp.GREEN);

        SignalContent redacted = Redactor.apply(original, List.of("description", "indicators[type=EMAIL]", "campaignId"));

        assertNull(redacted.getDescription());
        assertNull(redacted.getCampaignId());
        assertEquals(List.of(IndicatorType.DOMAIN), redacted.getIndicators().stream().map(i -> i.getType()).toList());
        assertEquals(original.getTitle(), redacted.getTitle());
        assertEquals(2, original.getIndicators().size(), "the input is not mutated");
    }

    @Test
    void shouldEmptyRequiredTitleAndListFields() {
        SignalContent redacted = Redactor.apply(Fixtures.content(Tlp.GREEN),
                List.of("title", "indicators", "atlasTechniques", "affectedSystems", "recipients"));

        assertEquals("", redacted.getTitle());
        assertTrue(redacted.getIndicators().isEmpty());
        assertTrue(redacted.getAtlasTechniques().isEmpty());
    }
}
