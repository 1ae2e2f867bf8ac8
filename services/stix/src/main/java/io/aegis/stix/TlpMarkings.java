package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.policy.TlpLabels;
import io.aegis.schema.common.Tlp;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The TLP marking definitions: the five TLP 2.0 definitions published by OASIS (cti-stix-common-objects,
 * fixed ids, the TLP 2.0 property extension), which Aegis writes, and the four TLP 1.0 definitions of the
 * STIX 2.1 specification, which Aegis also reads (WHITE as CLEAR). Never defaults a TLP: an unknown
 * marking is simply not a TLP marking.
 */
public final class TlpMarkings {

    /** The OASIS extension definition that TLP 2.0 marking definitions use. */
    public static final String TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /** When OASIS created the TLP 2.0 marking definitions. */
    public static final String TLP2_CREATED = "2022-10-01T00:00:00.000Z";

    private static final Map<Tlp, String> TLP2 = new EnumMap<>(Map.of(
            Tlp.CLEAR, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            Tlp.GREEN, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            Tlp.AMBER, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            Tlp.AMBER_STRICT, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
            Tlp.RED, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"));

    private static final Map<String, Tlp> TLP1 = Map.of(
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp.CLEAR,
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp.GREEN,
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp.AMBER,
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp.RED);

    /** Most restrictive last: when an object carries several TLP markings, the last one applies. */
    public static final Comparator<Tlp> RESTRICTIVENESS = Comparator.comparingInt(Tlp::ordinal);

    private TlpMarkings() {
    }

    /** The id of the official TLP 2.0 marking definition for the level. */
    public static String id(Tlp tlp) {
        return TLP2.get(tlp);
    }

    /** "TLP:AMBER+STRICT" and the like. */
    public static String name(Tlp tlp) {
        return "TLP:" + TlpLabels.label(tlp);
    }

    /** The TLP 2.0 marking definition object, as OASIS publishes it. */
    public static ObjectNode definition(Tlp tlp) {
        ObjectNode md = JsonNodeFactory.instance.objectNode();
        md.put("type", "marking-definition");
        md.put("spec_version", "2.1");
        md.put("id", id(tlp));
        md.put("created", TLP2_CREATED);
        md.put("name", name(tlp));
        ObjectNode ext = md.putObject("extensions").putObject(TLP2_EXTENSION_ID);
        ext.put("extension_type", "property-extension");
        ext.put("tlp_2_0", TlpLabels.label(tlp).toLowerCase(Locale.ROOT));
        return md;
    }

    /** The level of a well-known TLP marking id (TLP 2.0 or 1.0). */
    public static Optional<Tlp> ofId(String markingId) {
        if (TLP1.containsKey(markingId)) {
            return Optional.of(TLP1.get(markingId));
        }
        return TLP2.entrySet().stream().filter(e -> e.getValue().equals(markingId)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * The level a marking-definition object in the document declares: the TLP 2.0 extension, a TLP 1.0
     * {@code definition_type: "tlp"} definition, or a {@code "TLP:..."} name/definition as some platforms
     * write for TLP 2.0 levels under their own ids.
     */
    public static Optional<Tlp> ofDefinition(JsonNode md) {
        JsonNode tlp2 = md.path("extensions").path(TLP2_EXTENSION_ID).path("tlp_2_0");
        if (tlp2.isTextual()) {
            return level(tlp2.asText());
        }
        String definitionType = md.path("definition_type").asText("").toLowerCase(Locale.ROOT);
        if (!definitionType.equals("tlp")) {
            return Optional.empty();
        }
        JsonNode definition = md.path("definition");
        String level = definition.path("tlp").asText(definition.path("TLP").asText(md.path("name").asText("")));
        return level(level);
    }

    private static Optional<Tlp> level(String text) {
        String upper = text.toUpperCase(Locale.ROOT).replaceFirst("^TLP:", "");
        return "WHITE".equals(upper) ? Optional.of(Tlp.CLEAR) : TlpLabels.parse(upper);
    }
}
