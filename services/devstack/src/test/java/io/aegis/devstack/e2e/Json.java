package io.aegis.devstack.e2e;

import java.util.List;
import java.util.Map;

/** Reading the node API's JSON answers (parsed into maps and lists) without casts at every call site. */
final class Json {

    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> json, String field) {
        return json.get(field) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, Object> json, String field) {
        return json.get(field) instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList() : List.of();
    }

    static List<String> strings(Map<String, Object> json, String field) {
        return json.get(field) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** The distinct destinations of one delivery list of a signal view ({@code routedTo}, {@code withheldFrom}, …). */
    static List<String> destinations(Map<String, Object> delivery, String field) {
        return objects(delivery, field).stream().map(d -> String.valueOf(d.get("destination"))).distinct().sorted()
                .toList();
    }
}
