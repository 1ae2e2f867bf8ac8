package io.aegis.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.stix.StixImport.Origin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A signal body being read from STIX, with the origin of each field path: every write names the STIX
 * object and property it came from, so that no field reaches the body without a recorded origin.
 */
final class BodyBuilder {

    final ObjectNode body = JsonNodeFactory.instance.objectNode();
    private final Map<String, Origin> origins = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final List<StixImport.Failure> failures = new ArrayList<>();

    BodyBuilder() {
        for (String list : List.of("sectors", "atlasTechniques", "affectedSystems", "indicators", "recipients")) {
            body.putArray(list);
        }
    }

    void put(String field, String value, String objectId, String property) {
        body.put(field, value);
        origin(field, objectId, property);
    }

    void put(String field, int value, String objectId, String property) {
        body.put(field, value);
        origin(field, objectId, property);
    }

    /** Appends to a list field (once per distinct value), recording the element's origin. */
    void add(String list, Object value, String objectId, String property) {
        ArrayNode array = (ArrayNode) body.get(list);
        var element = value instanceof ObjectNode o ? o : JsonNodeFactory.instance.textNode(String.valueOf(value));
        for (var existing : array) {
            if (existing.equals(element)) {
                return;
            }
        }
        array.add(element);
        origin(list + "[" + (array.size() - 1) + "]", objectId, property);
    }

    void origin(String field, String objectId, String property) {
        origins.put(field, new Origin(objectId, property));
        used.add(objectId);
    }

    void use(String objectId) {
        used.add(objectId);
    }

    void fail(String objectId, String property, String message) {
        failures.add(new StixImport.Failure(objectId, property, message));
    }

    List<StixImport.Failure> failures() {
        return failures;
    }

    StixImport.Imported imported(String objectId) {
        used.add(objectId);
        List<String> usedIds = new ArrayList<>(used);
        usedIds.remove(objectId);
        usedIds.add(0, objectId);
        return new StixImport.Imported(objectId, List.copyOf(usedIds), body, Collections.unmodifiableMap(new LinkedHashMap<>(origins)));
    }
}
