package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.policy.TlpLabels;
import io.aegis.schema.common.Tlp;
import io.aegis.stix.StixImport.Failure;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One signal body from a report or grouping (and the objects it refers to, resolved in the document) or
 * from a lone indicator. Invariants: the TLP comes only from markings, never a default, and is the most
 * restrictive of the container and the children it used (Aegis never widens an audience); a child that
 * cannot be read is reported as a failure of its own and left out, the container still imports.
 */
final class SignalReader {

    static final String NO_TLP = "no TLP marking: Aegis never guesses an audience";
    private static final Pattern ATLAS_ID = Pattern.compile("^AML\\.T\\d{4}(\\.\\d{3})?$");

    /** A signal (or null) and the failures met on the way. */
    record Outcome(StixImport.Imported imported, List<Failure> failures) {
    }

    private final Map<String, JsonNode> index;

    SignalReader(Map<String, JsonNode> index) {
        this.index = index;
    }

    Outcome container(JsonNode c) {
        String id = c.get("id").asText();
        Optional<Tlp> tlp = tlp(c);
        if (tlp.isEmpty()) {
            return failed(id, "object_marking_refs", NO_TLP);
        }
        String name = c.path("name").asText("");
        if (name.isBlank()) {
            return failed(id, "name", "required: the signal title comes from it");
        }
        BodyBuilder b = new BodyBuilder();
        b.put("title", ImportDefaults.title(name), id, "name");
        if (c.path("description").isTextual() && !c.get("description").asText().isEmpty()) {
            b.put("description", c.get("description").asText(), id, "description");
        }
        JsonNode ext = c.path("extensions").path(AegisExtension.ID);
        boolean extended = ext.isObject();
        if (extended) {
            Optional<Failure> bad = ExtensionReader.read(id, ext, tlp.get(), b);
            if (bad.isPresent()) {
                return new Outcome(null, List.of(bad.get()));
            }
        } else {
            defaults(c, b, c.has("published") ? "published" : "created");
        }
        Tlp applied = children(c, b, tlp.get(), extended);
        b.put("tlp", TlpLabels.label(applied), applied == tlp.get() ? id : strictestChild(c, b, applied),
                "object_marking_refs");
        return new Outcome(b.imported(id), b.failures());
    }

    Outcome loneIndicator(JsonNode indicator) {
        String id = indicator.get("id").asText();
        Optional<Tlp> tlp = tlp(indicator);
        if (tlp.isEmpty()) {
            return failed(id, "object_marking_refs", NO_TLP);
        }
        IndicatorReader.Read read = IndicatorReader.read(indicator);
        if (read.failure() != null) {
            return new Outcome(null, List.of(read.failure()));
        }
        BodyBuilder b = new BodyBuilder();
        String name = indicator.path("name").asText("");
        b.put("title", ImportDefaults.title(name.isBlank() ? "STIX indicator " + id : name), id, "name");
        if (indicator.path("description").isTextual() && !indicator.get("description").asText().isEmpty()) {
            b.put("description", indicator.get("description").asText(), id, "description");
        }
        defaults(indicator, b, indicator.has("valid_from") ? "valid_from" : "created");
        read.found().forEach(f -> b.add("indicators", indicatorNode(f), id, read.property()));
        b.put("tlp", TlpLabels.label(tlp.get()), id, "object_marking_refs");
        return new Outcome(b.imported(id), List.of());
    }

    private void defaults(JsonNode o, BodyBuilder b, String timeProperty) {
        String id = o.get("id").asText();
        ImportDefaults.Found<?> category = ImportDefaults.category(o);
        b.put("category", category.value().toString(), id, category.property());
        b.put("severity", ImportDefaults.severity(o.path("confidence")), id, "confidence");
        b.put("confidence", ImportDefaults.confidence(o.path("confidence")), id, "confidence");
        String observed = StixTime.parse(o.path(timeProperty).asText(null)).map(StixTime::format)
                .orElse(o.path(timeProperty).asText(""));
        b.put("observedAt", observed, id, timeProperty);
    }

    private Tlp children(JsonNode c, BodyBuilder b, Tlp tlp, boolean extended) {
        Tlp applied = tlp;
        for (JsonNode ref : c.path("object_refs")) {
            JsonNode o = index.get(ref.asText());
            if (o != null && ChildReader.read(o, b, extended)) {
                Tlp child = tlp(o).orElse(applied);
                applied = TlpMarkings.RESTRICTIVENESS.compare(child, applied) > 0 ? child : applied;
            }
        }
        return applied;
    }

    private String strictestChild(JsonNode c, BodyBuilder b, Tlp applied) {
        for (JsonNode ref : c.path("object_refs")) {
            JsonNode o = index.get(ref.asText());
            if (o != null && tlp(o).filter(applied::equals).isPresent()) {
                return ref.asText();
            }
        }
        return c.get("id").asText();
    }

    /** The most restrictive TLP among the object's markings, well-known ids or definitions in the document. */
    Optional<Tlp> tlp(JsonNode o) {
        Optional<Tlp> found = Optional.empty();
        for (JsonNode ref : o.path("object_marking_refs")) {
            Optional<Tlp> t = TlpMarkings.ofId(ref.asText());
            if (t.isEmpty() && index.containsKey(ref.asText())) {
                t = TlpMarkings.ofDefinition(index.get(ref.asText()));
            }
            if (t.isPresent() && (found.isEmpty() || TlpMarkings.RESTRICTIVENESS.compare(t.get(), found.get()) > 0)) {
                found = t;
            }
        }
        return found;
    }

    static ObjectNode indicatorNode(PatternIndicators.Found f) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", f.type().name());
        n.put("value", f.value());
        return n;
    }

    static boolean isAtlasId(String s) {
        return s != null && ATLAS_ID.matcher(s).matches();
    }

    private static Outcome failed(String id, String property, String message) {
        return new Outcome(null, List.of(new Failure(id, property, message)));
    }
}
