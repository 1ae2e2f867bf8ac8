package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.policy.TlpLabels;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The signal fields of a report's Aegis extension; when the extension is present its fields win over
 * every default. Its {@code tlp} must agree with the report's marking: two audiences for one report is
 * a contradiction Aegis refuses to resolve.
 */
final class ExtensionReader {

    private static final String PREFIX = "extensions." + AegisExtension.ID + ".";

    private ExtensionReader() {
    }

    /** Writes the extension's fields into the body; the first problem found, if any. */
    static Optional<StixImport.Failure> read(String id, JsonNode ext, Tlp marked, BodyBuilder b) {
        String category = ext.path("category").asText("");
        if (!isName(Category.values(), category)) {
            return fail(id, "category", "required: one of the Aegis categories");
        }
        b.put("category", category, id, PREFIX + "category");
        for (String field : new String[] {"severity", "confidence"}) {
            if (!ext.path(field).isIntegralNumber()) {
                return fail(id, field, "required: an integer");
            }
            b.put(field, ext.get(field).asInt(), id, PREFIX + field);
        }
        Optional<String> observed = StixTime.parse(ext.path("observed_at").asText(null)).map(StixTime::format);
        if (observed.isEmpty()) {
            return fail(id, "observed_at", "required: a STIX timestamp");
        }
        b.put("observedAt", observed.get(), id, PREFIX + "observed_at");
        if (ext.has("tlp") && !TlpLabels.parse(ext.get("tlp").asText()).equals(Optional.of(marked))) {
            return fail(id, "tlp", "says " + ext.get("tlp") + " but object_marking_refs say " + TlpLabels.label(marked));
        }
        for (JsonNode s : ext.path("sectors")) {
            if (!isName(Sector.values(), s.asText())) {
                return fail(id, "sectors", "unknown sector " + s);
            }
            b.add("sectors", s.asText(), id, PREFIX + "sectors");
        }
        ext.path("recipients").forEach(r -> b.add("recipients", r.asText(), id, PREFIX + "recipients"));
        if (ext.path("campaign_id").isTextual()) {
            b.put("campaignId", ext.get("campaign_id").asText(), id, PREFIX + "campaign_id");
        }
        return Optional.empty();
    }

    private static boolean isName(Enum<?>[] values, String name) {
        Predicate<Enum<?>> named = v -> v.name().equals(name);
        return Arrays.stream(values).anyMatch(named);
    }

    private static Optional<StixImport.Failure> fail(String id, String field, String message) {
        return Optional.of(new StixImport.Failure(id, PREFIX + field, message));
    }
}
