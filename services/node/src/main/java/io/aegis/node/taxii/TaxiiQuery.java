package io.aegis.node.taxii;

import io.micronaut.http.HttpRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The filter and paging parameters of a TAXII 2.1 request: {@code added_after}, {@code limit},
 * {@code next}, {@code match[id]}, {@code match[type]}, {@code match[version]} and
 * {@code match[spec_version]}. A bad value is a 400 naming the parameter and its rule; an unknown
 * {@code match[...]} field is refused too, rather than silently matching everything.
 */
public record TaxiiQuery(Instant addedAfter, int limit, Position next, List<String> ids, List<String> types,
                         List<String> versions, List<String> specVersions) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final Set<String> KNOWN = Set.of("added_after", "limit", "next", "match[id]", "match[type]",
            "match[version]", "match[spec_version]");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*--[0-9a-fA-F-]{36}");
    /** The largest cursor a node can issue: a cursor is a long. */
    private static final String MAX_CURSOR = Long.toString(Long.MAX_VALUE);
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,249}");

    /** Where a page resumes: after the entry at {@code cursor}, or inside it after {@code skip} objects. */
    public record Position(String cursor, int skip) {

        static Position parse(String token) {
            String[] parts = token.split("~", 2);
            if (!parts[0].matches("\\d{19}") || parts[0].compareTo(MAX_CURSOR) > 0
                    || (parts.length == 2 && !parts[1].matches("\\d{1,6}"))) {
                throw new TaxiiException(400, "next: must be a value this server returned");
            }
            return new Position(parts[0], parts.length == 2 ? Integer.parseInt(parts[1]) : 0);
        }

        public String token() {
            return skip == 0 ? cursor : cursor + "~" + skip;
        }
    }

    public static TaxiiQuery of(HttpRequest<?> request) {
        var params = request.getParameters();
        for (String name : params.names()) {
            if (!KNOWN.contains(name)) {
                throw new TaxiiException(400, name + ": unknown parameter; supported: " + KNOWN);
            }
        }
        Instant addedAfter = params.getFirst("added_after").map(v -> timestamp("added_after", v)).orElse(null);
        int limit = params.getFirst("limit").map(TaxiiQuery::limit).orElse(DEFAULT_LIMIT);
        Position next = params.getFirst("next").map(Position::parse).orElse(null);
        List<String> ids = list(params.getFirst("match[id]").orElse(null));
        ids.stream().filter(id -> !ID.matcher(id).matches()).findFirst().ifPresent(id -> {
            throw new TaxiiException(400, "match[id]: " + id + " is not a STIX identifier (type--UUID)");
        });
        List<String> types = list(params.getFirst("match[type]").orElse(null));
        types.stream().filter(t -> !TYPE.matcher(t).matches()).findFirst().ifPresent(t -> {
            throw new TaxiiException(400, "match[type]: " + t + " is not a STIX type name");
        });
        List<String> versions = list(params.getFirst("match[version]").orElse(null));
        versions.stream().filter(v -> !Set.of("first", "last", "all").contains(v)).forEach(v -> timestamp("match[version]", v));
        List<String> specVersions = list(params.getFirst("match[spec_version]").orElse(null));
        specVersions.stream().filter(v -> !v.matches("2\\.[0-9]")).findFirst().ifPresent(v -> {
            throw new TaxiiException(400, "match[spec_version]: " + v + " is not a STIX version such as 2.1");
        });
        return new TaxiiQuery(addedAfter, limit, next, ids, types, versions, specVersions);
    }

    static Instant timestamp(String name, String value) {
        try {
            if (!value.toUpperCase(Locale.ROOT).endsWith("Z")) {
                throw new DateTimeParseException("not UTC", value, 0);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new TaxiiException(400, name + ": " + value + " must be an RFC 3339 UTC timestamp such as 2026-12-03T10:00:00.000Z");
        }
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new TaxiiException(400, "limit: must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> items = Arrays.stream(value.split(",")).map(String::trim).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new TaxiiException(400, "match: empty value in " + value);
        }
        return items;
    }
}
