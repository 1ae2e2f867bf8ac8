package io.aegis.node.fuzz;

import io.aegis.node.fuzz.Inputs.Value;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Values for the TAXII 2.1 filter and paging parameters (TAXII 2.1 section 3.4 and docs/taxii.md), each
 * with whether the server accepts it. Unlike the node API, a TAXII parameter given empty is a bad value
 * (400), not "not given"; a {@code match[...]} value is a comma-separated list of non-empty items.
 */
final class TaxiiQueries {

    static final String ADDED_AFTER = "added_after";
    static final String NEXT = "next";
    static final String MATCH_ID = "match[id]";
    static final String MATCH_TYPE = "match[type]";
    static final String MATCH_VERSION = "match[version]";
    static final String MATCH_SPEC_VERSION = "match[spec_version]";
    static final List<String> NAMES = List.of(ADDED_AFTER, "limit", NEXT, MATCH_ID, MATCH_TYPE, MATCH_VERSION, MATCH_SPEC_VERSION);

    private static final Pattern STIX_ID = Pattern.compile("[a-z0-9][a-z0-9-]*--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern STIX_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,249}");

    private TaxiiQueries() {
    }

    /** The rules by parameter name. */
    static Map<String, Function<Values, Value>> rules() {
        return Map.of(
                ADDED_AFTER, TaxiiQueries::timestamp,
                "limit", x -> {
                    Value whole = Inputs.whole(x, 1, 1000);
                    return new Value(whole.text(), whole.valid() && !whole.text().isEmpty());
                },
                NEXT, TaxiiQueries::next,
                MATCH_ID, x -> list(x, List.of("report--" + UUID.randomUUID(), "indicator--" + UUID.randomUUID(), "x-aegis-a--" + UUID.randomUUID()),
                        List.of("report", "report--", "report--1234", "Report--" + UUID.randomUUID(), "report--" + UUID.randomUUID() + "x",
                                UUID.randomUUID().toString(), "report_" + UUID.randomUUID(), "-report--" + UUID.randomUUID(), x.word()),
                        item -> STIX_ID.matcher(item).matches()),
                MATCH_TYPE, x -> list(x, List.of("report", "indicator", "grouping", "marking-definition", "x-aegis-signal"),
                        List.of("Report", "a", "report_x", "re port", "-report", "x".repeat(251), x.text()),
                        item -> STIX_TYPE.matcher(item).matches()),
                MATCH_VERSION, x -> list(x, List.of("first", "last", "all", Instant.now().toString(), "2026-11-20T10:00:00.000Z"),
                        List.of("First", "latest", "2026-11-20", "2026-11-20T10:00:00", "2026-11-20T10:00:00+01:00", x.word()),
                        item -> Set.of("first", "last", "all").contains(item) || utc(item)),
                MATCH_SPEC_VERSION, x -> list(x, List.of("2.1", "2.0", "2.9"), List.of("2", "3.0", "2.10", "v2.1", "2.1.0", x.word()),
                        item -> item.matches("2\\.[0-9]")));
    }

    /** An RFC 3339 UTC timestamp (ending in Z). */
    static Value timestamp(Values x) {
        String text = switch (x.random.nextInt(6)) {
            case 0, 1 -> Instant.now().minus(Duration.ofMinutes(x.between(-100, 5_000_000))).toString();
            case 2 -> x.oneOf(List.of("2026-11-20T10:00:00Z", "2026-11-20T10:00:00.123456Z", "1970-01-01T00:00:00Z"));
            case 3, 4 -> x.oneOf(List.of("", "2026-11-20", "yesterday", "20/11/2026", "2026-13-01T00:00:00Z", "2026-11-20T10:00:00",
                    "2026-11-20T10:00:00+01:00", "1700000000", "2026-11-20T25:00:00Z", " 2026-11-20T10:00:00Z"));
            default -> x.text();
        };
        return new Value(text, utc(text));
    }

    static boolean utc(String text) {
        if (!text.toUpperCase(Locale.ROOT).endsWith("Z")) {
            return false;
        }
        try {
            Instant.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A paging token as the server writes them: a 19-digit cursor no larger than a long (a node's cursors are
     * longs), optionally {@code ~} and 1..6 digits of skip; 19 digits beyond a long are invalid.
     */
    static Value next(Values x) {
        String cursor = x.random.nextInt(4) == 0 ? digits(x, 19) : String.format("%019d", x.random.nextLong() & Long.MAX_VALUE);
        String text = switch (x.random.nextInt(8)) {
            case 0, 1 -> cursor;
            case 2 -> cursor + "~" + digits(x, x.between(1, 6));
            case 3 -> x.oneOf(List.of("", digits(x, 18), digits(x, 20), cursor + "~", cursor + "~" + digits(x, 7), cursor + "~x",
                    "~1", "-" + digits(x, 18), cursor + " "));
            case 4 -> "\u0660".repeat(19);
            case 5 -> x.word();
            default -> x.text();
        };
        return new Value(text, text.matches("[0-9]{19}(~[0-9]{1,6})?") && text.substring(0, 19).compareTo(Long.toString(Long.MAX_VALUE)) <= 0);
    }

    private static String digits(Values x, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + x.random.nextInt(10)));
        }
        return out.toString();
    }

    /**
     * A comma-separated list of 1..3 items, good or bad, sometimes with spaces around them (trimmed: harmless),
     * sometimes with an empty item (refused) or empty altogether (refused). A trailing comma is never sent:
     * whether {@code a,} is a list of one is not something the contract says.
     */
    static Value list(Values x, List<String> good, List<String> bad, Predicate<String> valid) {
        if (x.chance(0.08)) {
            return new Value("", false);
        }
        List<String> items = new ArrayList<>();
        for (int i = x.between(1, 3); i > 0; i--) {
            items.add(x.chance(0.7) ? x.oneOf(good) : x.oneOf(bad));
        }
        if (x.chance(0.1)) {
            items.add(0, ""); // an empty item
        }
        String text = String.join(x.oneOf(List.of(",", ",", ", ")), items);
        if (x.chance(0.1)) {
            text = " " + text + " ";
        }
        // read as the list it is (items split at commas, trimmed): random text may hold commas of its own
        boolean ok = !text.isEmpty() && java.util.Arrays.stream(text.split(",")).map(String::trim)
                .allMatch(i -> !i.isEmpty() && valid.test(i));
        return new Value(text, ok);
    }
}
