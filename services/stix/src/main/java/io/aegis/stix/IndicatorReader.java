package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.schema.common.IndicatorType;
import io.aegis.stix.PatternIndicators.Found;

import java.util.Arrays;
import java.util.List;

/**
 * The Aegis indicators of one STIX indicator: from the Aegis extension when present (its type and value
 * win), otherwise from a STIX pattern of a mappable shape. A pattern that is not STIX syntax and a STIX
 * pattern Aegis cannot map are told apart, both naming the indicator and its {@code pattern}.
 */
final class IndicatorReader {

    static final String EXTENSION_VALUE = "extensions." + AegisExtension.ID + ".value";

    /** The indicators found and the property they came from, or the failure. */
    record Read(List<Found> found, String property, StixImport.Failure failure) {
        static Read failed(String id, String property, String message) {
            return new Read(List.of(), property, new StixImport.Failure(id, property, message));
        }
    }

    private IndicatorReader() {
    }

    static Read read(JsonNode indicator) {
        String id = indicator.path("id").asText();
        JsonNode ext = indicator.path("extensions").path(AegisExtension.ID);
        if (ext.isObject() && ext.has("indicator_type")) {
            return fromExtension(id, ext);
        }
        JsonNode patternType = indicator.path("pattern_type");
        if (!patternType.isTextual() || !patternType.asText().equals("stix")) {
            return Read.failed(id, "pattern_type", "pattern_type " + patternType
                    + " without the Aegis extension: Aegis reads only STIX patterns");
        }
        JsonNode pattern = indicator.path("pattern");
        if (!pattern.isTextual()) {
            return Read.failed(id, "pattern", "required: a string");
        }
        try {
            PatternIndicators.Mapping mapping = PatternIndicators.map(StixPattern.parse(pattern.asText()));
            if (!mapping.mapped()) {
                return Read.failed(id, "pattern", "valid STIX pattern that Aegis cannot map: " + mapping.unmappable());
            }
            return new Read(mapping.indicators(), "pattern", null);
        } catch (StixPatternException e) {
            return Read.failed(id, "pattern", "not valid STIX pattern syntax: " + e.getMessage());
        }
    }

    private static Read fromExtension(String id, JsonNode ext) {
        String type = ext.path("indicator_type").asText();
        boolean known = Arrays.stream(IndicatorType.values()).anyMatch(t -> t.name().equals(type));
        if (!known) {
            return Read.failed(id, "extensions." + AegisExtension.ID + ".indicator_type",
                    "unknown Aegis indicator type '" + type + "'");
        }
        if (!ext.path("value").isTextual()) {
            return Read.failed(id, EXTENSION_VALUE, "required: a string");
        }
        return new Read(List.of(new Found(IndicatorType.valueOf(type), ext.get("value").asText())), EXTENSION_VALUE, null);
    }
}
