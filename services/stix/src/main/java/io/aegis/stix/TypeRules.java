package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * STIX 2.1 per-type required properties for every type Aegis writes or reads (report, grouping, indicator,
 * attack-pattern, identity, software and the value-bearing SCOs, marking-definition, extension-definition).
 */
final class TypeRules {

    private static final Set<String> TLP1_LEVELS = Set.of("white", "green", "amber", "red");

    private TypeRules() {
    }

    static void check(JsonNode o, String type, List<String> out) {
        switch (type) {
            case "report" -> {
                requiredString(o, "name", out);
                CommonRules.timestamp(o, "published", true, false, out);
                identifiers(o, "object_refs", out);
            }
            case "grouping" -> {
                requiredString(o, "context", out);
                identifiers(o, "object_refs", out);
            }
            case "indicator" -> indicator(o, out);
            case "attack-pattern", "identity", "software", "tool", "malware", "campaign", "threat-actor",
                    "intrusion-set", "vulnerability", "infrastructure", "course-of-action" -> requiredString(o, "name", out);
            case "domain-name", "url", "ipv4-addr", "ipv6-addr", "email-addr", "mac-addr" ->
                    requiredString(o, "value", out);
            case "marking-definition" -> markingDefinition(o, out);
            case "extension-definition" -> extensionDefinition(o, out);
            default -> {
            }
        }
    }

    private static void indicator(JsonNode o, List<String> out) {
        requiredString(o, "pattern", out);
        requiredString(o, "pattern_type", out);
        Optional<Instant> from = CommonRules.timestamp(o, "valid_from", true, false, out);
        Optional<Instant> until = CommonRules.timestamp(o, "valid_until", false, false, out);
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
            out.add("valid_until: must be later than valid_from");
        }
        if ("stix".equals(o.path("pattern_type").asText()) && o.path("pattern").isTextual()) {
            try {
                StixPattern.parse(o.get("pattern").asText());
            } catch (StixPatternException e) {
                out.add("pattern: must be valid STIX pattern syntax when pattern_type is stix (" + e.getMessage() + ")");
            }
        }
    }

    private static void markingDefinition(JsonNode o, List<String> out) {
        if (!o.has("extensions")) {
            requiredString(o, "definition_type", out);
            if (!o.path("definition").isObject()) {
                out.add("definition: required (an object) when extensions is absent");
            }
        }
        if ("tlp".equals(o.path("definition_type").asText()) && !TLP1_LEVELS.contains(o.path("definition").path("tlp").asText())) {
            out.add("definition.tlp: must be one of " + TLP1_LEVELS + " for definition_type tlp");
        }
        if ("statement".equals(o.path("definition_type").asText()) && !o.path("definition").path("statement").isTextual()) {
            out.add("definition.statement: required for definition_type statement");
        }
    }

    private static void extensionDefinition(JsonNode o, List<String> out) {
        if (!o.has("created_by_ref")) {
            out.add("created_by_ref: required for extension-definition");
        }
        for (String p : new String[] {"name", "schema", "version"}) {
            requiredString(o, p, out);
        }
        JsonNode types = o.path("extension_types");
        if (!types.isArray() || types.isEmpty()) {
            out.add("extension_types: required, a non-empty list");
        }
        for (JsonNode t : types) {
            if (!CommonRules.EXTENSION_TYPES.contains(t.asText())) {
                out.add("extension_types: " + t + " is not one of " + CommonRules.EXTENSION_TYPES);
            }
        }
    }

    private static void requiredString(JsonNode o, String p, List<String> out) {
        if (!o.path(p).isTextual() || o.get(p).asText().isEmpty()) {
            out.add(p + ": required, a non-empty string");
        }
    }

    private static void identifiers(JsonNode o, String p, List<String> out) {
        JsonNode refs = o.path(p);
        if (!refs.isArray() || refs.isEmpty()) {
            out.add(p + ": required, a non-empty list of identifiers");
            return;
        }
        for (JsonNode ref : refs) {
            if (!StixIds.isIdentifier(ref.asText(null), null)) {
                out.add(p + ": " + ref + " is not an identifier (type--UUID)");
            }
        }
    }
}
