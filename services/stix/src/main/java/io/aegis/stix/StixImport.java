package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** STIX 2.1 → signal bodies (the node's signal JSON contract), object by object. */
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
        throw new UnsupportedOperationException("not yet");
    }
}
