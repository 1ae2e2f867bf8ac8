package io.aegis.escalation.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed fields out of one YAML mapping and records a violation, naming the field's path
 * and the rule it breaks, for every field that is missing, mistyped or out of range. Readers
 * return null for a bad or absent optional field so that validation goes on and reports all.
 */
final class FieldReader {

    private final String path;
    private final Map<?, ?> fields;
    private final List<String> violations;

    FieldReader(String path, Map<?, ?> fields, List<String> violations) {
        this.path = path;
        this.fields = fields == null ? Map.of() : fields;
        this.violations = violations;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void violation(String field, String message) {
        violations.add(path(field) + ": " + message);
    }

    void violationHere(String message) {
        violations.add(path + ": " + message);
    }

    boolean has(String field) {
        return fields.get(field) != null;
    }

    void rejectUnknown(Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        fields.keySet().forEach(k -> {
            if (!known.contains(String.valueOf(k))) {
                unknown.add(String.valueOf(k));
            }
        });
        unknown.forEach(k -> violation(k, "unknown field (expected one of " + new TreeSet<>(known) + ")"));
    }

    String string(String field, boolean required) {
        Object value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            violation(field, "must be a non-empty string, was " + describe(value));
            return null;
        }
        return s.trim();
    }

    Integer integer(String field, int min, int max) {
        Object value = present(field, false);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer i) || i < min || i > max) {
            violation(field, "must be an integer from " + min + " to " + max + ", was " + describe(value));
            return null;
        }
        return i;
    }

    Double decimal(String field, double exclusiveMin) {
        Object value = present(field, false);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || !(n.doubleValue() > exclusiveMin)) {
            violation(field, "must be a number greater than " + exclusiveMin + ", was " + describe(value));
            return null;
        }
        return n.doubleValue();
    }

    Duration duration(String field, boolean required, Duration fallback) {
        String text = string(field, required);
        if (text == null) {
            return has(field) || required ? null : fallback;
        }
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                violation(field, "must be a positive ISO-8601 duration, was " + text);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            violation(field, "must be an ISO-8601 duration such as PT1H or P7D, was " + text);
            return null;
        }
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type, Object raw) {
        String text = raw instanceof String s ? s.trim().toUpperCase(Locale.ROOT) : null;
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        violation(field, "must be one of " + List.of(type.getEnumConstants()) + ", was " + describe(raw));
        return null;
    }

    <E extends Enum<E>> List<E> enumList(String field, Class<E> type) {
        List<?> raw = list(field, false);
        List<E> values = new ArrayList<>();
        for (int i = 0; raw != null && i < raw.size(); i++) {
            E value = enumValue(field + "[" + i + "]", type, raw.get(i));
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    Map<?, ?> mapping(String field, boolean required) {
        Object value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            violation(field, "must be a mapping, was " + describe(value));
            return null;
        }
        return m;
    }

    List<?> list(String field, boolean required) {
        Object value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> l)) {
            violation(field, "must be a list, was " + describe(value));
            return null;
        }
        return l;
    }

    private Object present(String field, boolean required) {
        Object value = fields.get(field);
        if (value == null && required) {
            violation(field, "is required");
        }
        return value;
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
