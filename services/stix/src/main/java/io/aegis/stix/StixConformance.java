package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks of STIX 2.1 objects against the specification's normative rules, written from the specification:
 * common properties ({@link CommonRules}), per-type required properties ({@link TypeRules}) and bundles
 * (whose objects are checked one by one, their violations prefixed with {@code objects[i].}).
 */
public final class StixConformance {

    private StixConformance() {
    }

    /** Every rule the object breaks, each naming the property; empty when it conforms. */
    public static List<String> violations(JsonNode object) {
        List<String> out = new ArrayList<>();
        if (object == null || !object.isObject()) {
            out.add("(object): must be a JSON object");
            return out;
        }
        if (!object.path("type").isTextual()) {
            out.add("type: required, a string");
            return out;
        }
        String type = object.get("type").asText();
        if (type.equals("bundle")) {
            bundle(object, out);
        } else {
            CommonRules.check(object, type, out);
            TypeRules.check(object, type, out);
        }
        return out;
    }

    private static void bundle(JsonNode b, List<String> out) {
        if (!StixIds.isIdentifier(b.path("id").asText(null), "bundle")) {
            out.add("id: required, must be bundle--<RFC 4122 UUID>");
        }
        if (b.has("objects") && !b.get("objects").isArray()) {
            out.add("objects: must be a list of STIX objects");
            return;
        }
        JsonNode objects = b.path("objects");
        for (int i = 0; i < objects.size(); i++) {
            for (String v : violations(objects.get(i))) {
                out.add("objects[" + i + "]." + v);
            }
        }
    }
}
