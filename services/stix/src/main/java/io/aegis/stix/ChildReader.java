package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * The contribution of one object a report refers to: indicators, ATLAS techniques (attack patterns with a
 * mitre-atlas reference), affected AI systems (software) and, without the Aegis extension, sectors of
 * identities. Types Aegis has no field for are skipped (not in {@code usedIds}, not a failure).
 */
final class ChildReader {

    private ChildReader() {
    }

    /** True when the object contributed to the body. */
    static boolean read(JsonNode o, BodyBuilder b, boolean extended) {
        String id = o.get("id").asText();
        return switch (o.get("type").asText()) {
            case "indicator" -> indicator(o, id, b);
            case "attack-pattern" -> technique(o, id, b);
            case "software" -> system(o, id, b);
            case "identity" -> !extended && sectors(o, id, b);
            default -> false;
        };
    }

    private static boolean indicator(JsonNode o, String id, BodyBuilder b) {
        IndicatorReader.Read read = IndicatorReader.read(o);
        if (read.failure() != null) {
            b.fail(read.failure().objectId(), read.failure().property(), read.failure().message());
            return false;
        }
        read.found().forEach(f -> b.add("indicators", SignalReader.indicatorNode(f), id, read.property()));
        return true;
    }

    private static boolean technique(JsonNode o, String id, BodyBuilder b) {
        JsonNode refs = o.path("external_references");
        for (int i = 0; i < refs.size(); i++) {
            JsonNode ref = refs.get(i);
            String source = ref.path("source_name").asText("").toLowerCase(Locale.ROOT);
            String externalId = ref.path("external_id").asText(null);
            if (source.equals(ExportParts.ATLAS_SOURCE) && SignalReader.isAtlasId(externalId)) {
                b.add("atlasTechniques", externalId, id, "external_references[" + i + "].external_id");
                return true;
            }
        }
        String name = o.path("name").asText(null);
        if (SignalReader.isAtlasId(name)) {
            b.add("atlasTechniques", name, id, "name");
            return true;
        }
        return false;
    }

    private static boolean system(JsonNode o, String id, BodyBuilder b) {
        for (String required : new String[] {"name", "vendor"}) {
            if (!o.path(required).isTextual() || o.get(required).asText().isBlank()) {
                b.fail(id, required, "required: Aegis needs the model (name) and provider (vendor) of an AI system");
                return false;
            }
        }
        ObjectNode system = JsonNodeFactory.instance.objectNode();
        system.put("provider", o.get("vendor").asText());
        system.put("model", o.get("name").asText());
        if (o.path("version").isTextual()) {
            system.put("version", o.get("version").asText());
        }
        b.add("affectedSystems", system, id, "name");
        return true;
    }

    private static boolean sectors(JsonNode o, String id, BodyBuilder b) {
        boolean any = false;
        for (JsonNode s : o.path("sectors")) {
            var sector = ImportDefaults.sector(s.asText());
            if (sector.isPresent()) {
                b.add("sectors", sector.get().name(), id, "sectors");
                any = true;
            }
        }
        return any;
    }
}
