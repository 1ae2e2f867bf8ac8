package io.aegis.node.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.SignalContent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalParserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    final SignalParser parser = new SignalParser(CLOCK, Duration.ofMinutes(5));

    /** The example signal of the public contract. */
    static ObjectNode example() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"category": "DEEPFAKE_FRAUD",
                     "title": "Voice-clone fraud campaign against bank call centres",
                     "description": "free text", "severity": 4, "confidence": 80, "tlp": "AMBER",
                     "observedAt": "2026-11-20T10:00:00Z", "sectors": ["FINANCE"], "atlasTechniques": ["AML.T0048"],
                     "affectedSystems": [{"provider": "ExampleAI", "model": "voice-x", "version": "2.1"}],
                     "indicators": [{"type": "DOMAIN", "value": "fraud.example"},
                                    {"type": "SHA256", "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}],
                     "recipients": ["DE", "JP"], "campaignId": "optional correlation hint"}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldParseTheContractExampleIntoSignalContent() {
        SignalContent content = parser.parse(example(), "");

        assertEquals("Voice-clone fraud campaign against bank call centres", content.getTitle());
        assertEquals(Tlp.AMBER, content.getTlp());
        assertEquals(IndicatorType.SHA256, content.getIndicators().get(1).getType());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), content.getObservedAt());
    }

    @Test
    void shouldMapAmberStrictLabelToAvroSymbol() {
        ObjectNode json = example().put("tlp", "AMBER+STRICT");

        assertEquals(Tlp.AMBER_STRICT, parser.parse(json, "").getTlp());
    }

    @Test
    void shouldReportEveryViolationAtOnceWithFieldPathsUnderTheBatchPrefix() {
        ObjectNode json = example().put("severity", 9).put("tlp", "PURPLE");
        ((ObjectNode) json.get("indicators").get(1)).put("value", "not-hex");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(json, "signals[2]"));

        assertEquals(3, e.violations().size(), e.violations().toString());
        assertTrue(e.violations().stream().anyMatch(v -> v.field().equals("signals[2].severity")));
        assertTrue(e.violations().stream().anyMatch(v -> v.field().equals("signals[2].tlp")));
        assertTrue(e.violations().stream().anyMatch(v -> v.field().equals("signals[2].indicators[1].value")));
    }

    @Test
    void shouldRequireRecipientsForRedButNotForGreen() {
        ObjectNode red = example().put("tlp", "RED");
        red.remove("recipients");
        ObjectNode green = example().put("tlp", "GREEN");
        green.remove("recipients");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(red, ""));
        assertEquals("recipients", e.violations().get(0).field());
        assertTrue(parser.parse(green, "").getRecipients().isEmpty());
    }

    @Test
    void shouldAcceptObservedAtWithinClockSkewAndRefuseItBeyond() {
        JsonNode near = example().put("observedAt", "2026-11-21T12:04:00Z");
        JsonNode far = example().put("observedAt", "2026-11-21T12:06:00Z");

        assertEquals(Instant.parse("2026-11-21T12:04:00Z"), parser.parse(near, "").getObservedAt());
        assertEquals("observedAt", assertThrows(InvalidRequestException.class, () -> parser.parse(far, ""))
                .violations().get(0).field());
    }
}
