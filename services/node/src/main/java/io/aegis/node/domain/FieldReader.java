package io.aegis.node.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads typed fields out of a JSON tree while collecting {@link Violation}s instead of failing
 * on the first one. Every method names the field by its full JSON path. A missing or wrongly
 * typed field yields an empty result and one violation.
 */
public final class FieldReader {

    private final List<Violation> violations = new ArrayList<>();

    public List<Violation> violations() {
        return violations;
    }

    public void fail(String field, String message) {
        violations.add(new Violation(field, message));
    }

    public static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** Refuses every field of {@code object} that is not in {@code allowed}. */
    public void refuseUnknown(JsonNode object, String parent, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fail(path(parent, name), "unknown field");
            }
        }
    }

    public boolean isObject(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            fail(field, "must be a JSON object");
            return false;
        }
        return true;
    }

    public Optional<String> string(JsonNode object, String parent, String name, boolean required, int maxLength) {
        String field = path(parent, name);
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                fail(field, "is required");
            }
            return Optional.empty();
        }
        if (!node.isTextual()) {
            fail(field, "must be a string");
            return Optional.empty();
        }
        String value = node.textValue();
        if (!unicode(field, value)) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            fail(field, "must not be blank");
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            fail(field, "must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public Optional<Integer> integer(JsonNode object, String parent, String name, int min, int max) {
        String field = path(parent, name);
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            fail(field, "is required");
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            fail(field, "must be a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        int value = node.intValue();
        if (value < min || value > max) {
            fail(field, "must be from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public <E extends Enum<E>> Optional<E> enumValue(JsonNode object, String parent, String name, Class<E> type, boolean required) {
        return string(object, parent, name, required, 100).flatMap(v -> symbol(path(parent, name), v, type));
    }

    public <E extends Enum<E>> Optional<E> symbol(String field, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return Optional.of(constant);
            }
        }
        fail(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        return Optional.empty();
    }

    public Optional<Instant> instant(JsonNode object, String parent, String name) {
        Optional<String> text = string(object, parent, name, true, 64);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.get()));
        } catch (DateTimeParseException e) {
            fail(path(parent, name), "must be an ISO-8601 UTC timestamp such as 2026-11-20T10:00:00Z");
            return Optional.empty();
        }
    }

    /** An optional array of at most {@code maxItems}; absent or null reads as empty. */
    public List<JsonNode> array(JsonNode object, String parent, String name, int maxItems) {
        String field = path(parent, name);
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            fail(field, "must be an array");
            return List.of();
        }
        if (node.size() > maxItems) {
            fail(field, "must have at most " + maxItems + " items");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>(node.size());
        node.forEach(items::add);
        return items;
    }

    /** The string items of an array, each checked by {@code rule}; duplicates are refused. */
    public List<String> strings(JsonNode object, String parent, String name, int maxItems, StringRule rule) {
        List<String> values = new ArrayList<>();
        List<JsonNode> items = array(object, parent, name, maxItems);
        for (int i = 0; i < items.size(); i++) {
            String field = path(parent, name) + "[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isTextual()) {
                fail(field, "must be a string");
            } else if (!unicode(field, item.textValue())) {
                continue;
            } else if (values.contains(item.textValue())) {
                fail(field, "duplicate value " + item.textValue());
            } else {
                rule.check(item.textValue()).ifPresentOrElse(m -> fail(field, m), () -> values.add(item.textValue()));
            }
        }
        return values;
    }

    /**
     * Whether {@code value} is Unicode text; a JSON escape such as {@code "\ud800"} can spell an unpaired
     * surrogate, which no UTF-8 record can carry (it would be published altered), so it is refused.
     */
    private boolean unicode(String field, String value) {
        int at = Utf8.unpairedSurrogate(value);
        if (at >= 0) {
            fail(field, "must be valid Unicode text: unpaired surrogate at character " + at);
        }
        return at < 0;
    }

    /** A rule on one string value: empty when it holds, else the message saying what is expected. */
    @FunctionalInterface
    public interface StringRule {
        Optional<String> check(String value);
    }
}
