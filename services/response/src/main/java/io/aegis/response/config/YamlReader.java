package io.aegis.response.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one YAML file and collects every problem with its field path ("file: path: rule"), so that
 * a broken file is reported in full at start-up instead of one error per restart. Accessors return
 * null after recording a problem; call {@link #throwIfProblems()} once the file is read.
 */
final class YamlReader {

    private final String file;
    private final List<String> problems;

    YamlReader(String file, List<String> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Parses the file into its root map; null (with a problem recorded) when it cannot be read. */
    static Map<String, Object> load(Path path, List<String> problems) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (root instanceof Map<?, ?> map) {
                return cast(map);
            }
            problems.add(path + ": the document must be a mapping at the top level");
        } catch (IOException e) {
            problems.add(path + ": cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            problems.add(path + ": is not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        return null;
    }

    void problem(String path, String rule) {
        problems.add(file + ": " + path + ": " + rule);
    }

    void rejectUnknown(Map<String, Object> map, String path, Set<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                problem(join(path, key), "unknown field; expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    Map<String, Object> map(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            return cast(map);
        }
        problem(path, value == null ? "is required (a mapping)" : "must be a mapping");
        return null;
    }

    List<Object> list(Object value, String path) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        problem(path, value == null ? "is required (a list)" : "must be a list");
        return null;
    }

    String string(Map<String, Object> map, String key, String path) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            problem(join(path, key), "is required and must not be blank");
            return null;
        }
        return value.toString().trim();
    }

    Duration duration(Object value, String path) {
        if (value == null) {
            problem(path, "is required (an ISO-8601 duration such as PT60M)");
            return null;
        }
        try {
            Duration duration = Duration.parse(value.toString().trim());
            if (duration.isNegative()) {
                problem(path, "must not be negative, got " + value);
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            problem(path, "must be an ISO-8601 duration such as PT60M or P2D, got '" + value + "'");
            return null;
        }
    }

    <E extends Enum<E>> E enumValue(Class<E> type, Object value, String path) {
        if (value == null) {
            problem(path, "is required (one of " + List.of(type.getEnumConstants()) + ")");
            return null;
        }
        try {
            return Enum.valueOf(type, value.toString().trim());
        } catch (IllegalArgumentException e) {
            problem(path, "must be one of " + List.of(type.getEnumConstants()) + ", got '" + value + "'");
            return null;
        }
    }

    /** An optional boolean field, false when left out; false after recording a problem. */
    boolean bool(Map<String, Object> map, String key, String path) {
        Object value = map.get(key);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        problem(join(path, key), "must be true or false, got '" + value + "'");
        return false;
    }

    /**
     * An optional list of enum constants, each once; empty when left out. Every value not of the
     * enum is reported with its index; the values read are returned all the same.
     */
    <E extends Enum<E>> Set<E> enumSet(Class<E> type, Map<String, Object> map, String key, String path) {
        Set<E> values = EnumSet.noneOf(type);
        if (!map.containsKey(key)) {
            return values;
        }
        List<Object> list = list(map.get(key), join(path, key));
        for (int i = 0; list != null && i < list.size(); i++) {
            E value = enumValue(type, list.get(i), join(path, key) + "[" + i + "]");
            if (value != null && !values.add(value)) {
                problem(join(path, key) + "[" + i + "]", value + " is listed twice");
            }
        }
        return values;
    }

    int problemCount() {
        return problems.size();
    }

    void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
