package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * STIX 2.1 common-property rules (sections 3 and 7): type and id shape, spec_version, created/modified
 * presence by object kind, timestamp form, ordering of versions, reference types, external references
 * and extensions. Each violation names the property and the rule.
 */
final class CommonRules {

    static final Set<String> SDO = Set.of("attack-pattern", "campaign", "course-of-action", "grouping", "identity",
            "incident", "indicator", "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note",
            "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability");
    static final Set<String> SRO = Set.of("relationship", "sighting");
    static final Set<String> SCO = Set.of("artifact", "autonomous-system", "directory", "domain-name", "email-addr",
            "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process",
            "software", "url", "user-account", "windows-registry-key", "x509-certificate");
    private static final Set<String> PREDEFINED_EXTENSIONS = Set.of("archive-ext", "ntfs-ext", "pdf-ext",
            "raster-image-ext", "windows-pebinary-ext", "http-request-ext", "icmp-ext", "socket-ext", "tcp-ext",
            "windows-process-ext", "windows-service-ext", "unix-account-ext");
    static final Set<String> EXTENSION_TYPES = Set.of("new-sdo", "new-sco", "new-sro", "property-extension",
            "toplevel-property-extension");
    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9-]*[a-z0-9]$");

    private CommonRules() {
    }

    static void check(JsonNode o, String type, List<String> out) {
        if (type.length() < 3 || type.length() > 250 || !TYPE.matcher(type).matches()) {
            out.add("type: must be 3-250 characters of a-z, 0-9 and '-', starting with a letter");
        }
        if (!StixIds.isIdentifier(o.path("id").asText(null), type)) {
            out.add("id: required, must be " + type + "--<RFC 4122 UUID> (type part equal to the object's type)");
        }
        boolean sco = SCO.contains(type);
        if (!"2.1".equals(o.path("spec_version").asText(null)) && (!sco || o.has("spec_version"))) {
            out.add("spec_version: " + (sco ? "must be \"2.1\" when present" : "required, must be \"2.1\""));
        }
        timestamps(o, type, sco, out);
        references(o, out);
        externalReferences(o.get("external_references"), out);
        extensions(o.get("extensions"), out);
        if (o.has("revoked") && !o.get("revoked").isBoolean()) {
            out.add("revoked: must be a boolean");
        }
        if (o.has("confidence") && !(o.get("confidence").isIntegralNumber()
                && o.get("confidence").asInt() >= 0 && o.get("confidence").asInt() <= 100)) {
            out.add("confidence: must be an integer from 0 to 100");
        }
        if (o.has("labels") && !allStrings(o.get("labels"))) {
            out.add("labels: must be a list of strings");
        }
    }

    private static void timestamps(JsonNode o, String type, boolean sco, List<String> out) {
        boolean versioned = SDO.contains(type) || SRO.contains(type)
                || type.equals("extension-definition") || type.equals("language-content");
        boolean needsCreated = versioned || type.equals("marking-definition");
        if (sco) {
            for (String p : new String[] {"created", "modified"}) {
                if (o.has(p)) {
                    out.add(p + ": not a property of a cyber-observable object (SCOs are not versioned)");
                }
            }
            return;
        }
        Optional<Instant> created = timestamp(o, "created", needsCreated, true, out);
        Optional<Instant> modified = timestamp(o, "modified", versioned, true, out);
        if (type.equals("marking-definition") && o.has("modified")) {
            out.add("modified: not a property of marking-definition (marking definitions are not versioned)");
        }
        if (created.isPresent() && modified.isPresent() && modified.get().isBefore(created.get())) {
            out.add("modified: must be later than or equal to created");
        }
    }

    /** Checks a timestamp property; its value when present and well formed. */
    static Optional<Instant> timestamp(JsonNode o, String p, boolean required, boolean millis, List<String> out) {
        if (!o.has(p)) {
            if (required) {
                out.add(p + ": required");
            }
            return Optional.empty();
        }
        Optional<Instant> t = StixTime.parse(o.get(p).asText(null));
        if (t.isEmpty() || !o.get(p).isTextual()) {
            out.add(p + ": must be an RFC 3339 timestamp in UTC ending in Z");
            return Optional.empty();
        }
        if (millis && !StixTime.hasMillis(o.get(p).asText())) {
            out.add(p + ": must be precise to the millisecond");
        }
        return t;
    }

    private static void references(JsonNode o, List<String> out) {
        if (o.has("created_by_ref") && !StixIds.isIdentifier(o.get("created_by_ref").asText(null), "identity")) {
            out.add("created_by_ref: must be the identifier of an identity (identity--<UUID>)");
        }
        if (o.has("object_marking_refs")) {
            JsonNode refs = o.get("object_marking_refs");
            if (!refs.isArray() || refs.isEmpty()) {
                out.add("object_marking_refs: must be a non-empty list");
            }
            for (JsonNode ref : refs) {
                if (!StixIds.isIdentifier(ref.asText(null), "marking-definition")) {
                    out.add("object_marking_refs: " + ref + " must be a marking-definition identifier");
                }
            }
        }
    }

    private static void externalReferences(JsonNode refs, List<String> out) {
        if (refs == null) {
            return;
        }
        if (!refs.isArray() || refs.isEmpty()) {
            out.add("external_references: must be a non-empty list");
            return;
        }
        for (int i = 0; i < refs.size(); i++) {
            JsonNode ref = refs.get(i);
            String p = "external_references[" + i + "]";
            if (!ref.path("source_name").isTextual() || ref.get("source_name").asText().isEmpty()) {
                out.add(p + ".source_name: required");
            }
            if (!ref.has("description") && !ref.has("url") && !ref.has("external_id")) {
                out.add(p + ": needs at least one of description, url or external_id");
            }
        }
    }

    private static void extensions(JsonNode extensions, List<String> out) {
        if (extensions == null) {
            return;
        }
        if (!extensions.isObject() || extensions.isEmpty()) {
            out.add("extensions: must be a non-empty dictionary");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = extensions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = "extensions." + e.getKey();
            if (StixIds.isIdentifier(e.getKey(), "extension-definition")) {
                if (!EXTENSION_TYPES.contains(e.getValue().path("extension_type").asText(""))) {
                    out.add(p + ".extension_type: required, one of " + EXTENSION_TYPES);
                }
            } else if (!PREDEFINED_EXTENSIONS.contains(e.getKey())) {
                out.add(p + ": key must be an extension-definition identifier or a predefined extension name");
            }
            if (!e.getValue().isObject()) {
                out.add(p + ": must be an object");
            }
        }
    }

    static boolean allStrings(JsonNode list) {
        if (!list.isArray()) {
            return false;
        }
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
