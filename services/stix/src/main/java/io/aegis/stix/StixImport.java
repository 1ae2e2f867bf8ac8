package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * STIX 2.1 → signal bodies (the node's signal JSON contract), object by object. Each report or grouping
 * becomes one signal, each indicator no report or grouping refers to becomes its own; a malformed object
 * or one that cannot be read is a failure of its own, and the rest of the document still imports.
 */
public final class StixImport {

    private StixImport() {
    }

    /** Where a field of a signal body came from: the STIX object and property. */
    public record Origin(String objectId, String property) {
    }

    /**
     * One signal read from STIX: the object it came from (a report, grouping or lone indicator), the
     * ids of every object it used, the signal body and, per body field path (e.g. {@code "indicators[1]"},
     * {@code "severity"}), the STIX object and property it came from.
     */
    public record Imported(String objectId, List<String> usedIds, ObjectNode body, Map<String, Origin> origins) {
    }

    /** An object that could not be read: its id (or {@code "objects[3]"} without one), the property and the rule. */
    public record Failure(String objectId, String property, String message) {
    }

    public record Result(List<Imported> signals, List<Failure> failures) {
    }

    /** A bundle ({@code "type": "bundle"}) or a TAXII envelope ({@code "objects": [...]}). */
    public static Result read(JsonNode document) {
        List<Failure> failures = new ArrayList<>();
        if (document == null || !document.isObject()) {
            return new Result(List.of(), List.of(new Failure("document", "", "must be a JSON object (bundle or envelope)")));
        }
        if (!document.path("objects").isArray()) {
            return new Result(List.of(), List.of(new Failure("document", "objects", "required: an array of STIX objects")));
        }
        Map<String, JsonNode> index = index(document.get("objects"), failures);
        SignalReader reader = new SignalReader(index);
        List<Imported> signals = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        for (JsonNode o : index.values()) {
            String type = o.get("type").asText();
            if (type.equals("report") || type.equals("grouping")) {
                o.path("object_refs").forEach(ref -> referenced.add(ref.asText()));
                collect(revoked(o) ? revokedFailure(o) : reader.container(o), signals, failures);
            }
        }
        for (JsonNode o : index.values()) {
            if (o.get("type").asText().equals("indicator") && !referenced.contains(o.get("id").asText())) {
                collect(revoked(o) ? revokedFailure(o) : reader.loneIndicator(o), signals, failures);
            }
        }
        return new Result(List.copyOf(signals), List.copyOf(failures));
    }

    /** The well-formed objects by id; of several versions of one id, the latest modified wins. */
    private static Map<String, JsonNode> index(JsonNode objects, List<Failure> failures) {
        Map<String, JsonNode> index = new LinkedHashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            String where = "objects[" + i + "]";
            if (!o.isObject()) {
                failures.add(new Failure(where, "", "must be a JSON object"));
            } else if (!o.path("type").isTextual()) {
                failures.add(new Failure(where, "type", "required: a string"));
            } else if (!o.path("id").isTextual()) {
                failures.add(new Failure(where, "id", "required: a string"));
            } else if (!StixIds.isIdentifier(o.get("id").asText(), o.get("type").asText())) {
                failures.add(new Failure(where, "id", "must be " + o.get("type").asText() + "--<UUID>, was "
                        + o.get("id")));
            } else {
                JsonNode previous = index.get(o.get("id").asText());
                if (previous == null || o.path("modified").asText("").compareTo(previous.path("modified").asText("")) > 0) {
                    index.put(o.get("id").asText(), o);
                }
            }
        }
        return index;
    }

    private static boolean revoked(JsonNode o) {
        return o.path("revoked").asBoolean(false);
    }

    /** A revoked object is its producer's withdrawal, not a signal. */
    private static SignalReader.Outcome revokedFailure(JsonNode o) {
        return new SignalReader.Outcome(null, List.of(new Failure(o.get("id").asText(), "revoked",
                "revoked by its producer: not imported")));
    }

    private static void collect(SignalReader.Outcome outcome, List<Imported> signals, List<Failure> failures) {
        if (outcome.imported() != null) {
            signals.add(outcome.imported());
        }
        failures.addAll(outcome.failures());
    }
}
