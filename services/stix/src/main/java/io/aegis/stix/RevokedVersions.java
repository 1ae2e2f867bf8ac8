package io.aegis.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Revoked versions of a retracted signal's SDOs, built from the skeleton alone: same id and created, the
 * new modified, {@code revoked: true}, the TLP marking, and for each property STIX requires a
 * content-free placeholder. Indicators get pattern_type "aegis" (never "stix"), so that no revoked
 * placeholder can ever match traffic.
 */
final class RevokedVersions {

    static final String PLACEHOLDER_PATTERN = "revoked";

    private RevokedVersions() {
    }

    static List<ObjectNode> of(StixSkeleton skeleton, Instant modified) {
        List<ObjectNode> out = new ArrayList<>();
        for (String id : skeleton.objectIds()) {
            String type = StixIds.typeOf(id);
            ObjectNode o = ExportParts.header(type, id, skeleton.created(), modified, skeleton.tlp());
            o.put("revoked", true);
            switch (type) {
                case "report" -> report(o, skeleton, id);
                case "indicator" -> {
                    o.put("name", "Retracted indicator");
                    o.put("pattern", PLACEHOLDER_PATTERN);
                    o.put("pattern_type", AegisExtension.PATTERN_TYPE);
                    o.put("valid_from", StixTime.format(skeleton.created()));
                }
                case "attack-pattern" -> o.put("name", "Retracted attack pattern");
                default -> o.put("name", "Retracted object");
            }
            out.add(o);
        }
        return out;
    }

    private static void report(ObjectNode o, StixSkeleton skeleton, String id) {
        o.put("name", "Retracted signal " + skeleton.signalId());
        o.put("published", StixTime.format(skeleton.created()));
        o.putArray("report_types").add("threat-report");
        ArrayNode refs = o.putArray("object_refs");
        skeleton.objectIds().stream().filter(other -> !other.equals(id)).forEach(refs::add);
        if (refs.isEmpty()) {
            refs.add(TlpMarkings.id(skeleton.tlp()));
        }
    }
}
