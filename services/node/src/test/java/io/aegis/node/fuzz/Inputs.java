package io.aegis.node.fuzz;

import io.aegis.node.fuzz.BodySchema.Symbol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Values for the query parameters, headers and path variables the node's routes bind, each with
 * whether the contract (docs/api.md) accepts it. A parameter without a rule here fails the test:
 * the fuzzer must learn every input a route takes.
 */
public final class Inputs {

    /** A value and whether the contract accepts it (an empty value reads as not given, where a parameter is optional). */
    public record Value(String text, boolean valid) {
    }

    private final Values v;
    private final Map<String, Function<Values, Value>> query;
    private final Map<String, Function<Values, Value>> headers;

    public Inputs(Values values) {
        this.v = values;
        Map<String, Function<Values, Value>> query = new java.util.HashMap<>(Map.of(
                "after", Inputs::cursor,
                "limit", x -> whole(x, 1, 1000),
                "minSeverity", x -> whole(x, 1, 5),
                "category", x -> symbol(x, Contract.SIGNAL.fields().get(0).kind()),
                "sector", x -> symbol(x, new Symbol(Contract.names(io.aegis.schema.common.Sector.class))),
                "since", Inputs::since,
                "mine", x -> new Value(x.oneOf(List.of("true", "false", "yes", "1", "", x.word())), true)));
        // sign-in with the identity provider: any return path is taken (a bad one is replaced by the console),
        // and any code, state or error is answered 400 without the browser's pending sign-in (the fuzzer has none)
        List.of("returnTo", "code", "state", "error").forEach(name -> query.put(name, Inputs::anyText));
        TaxiiQueries.rules().forEach((name, rule) -> query.put(TAXII + name, rule));
        this.query = Map.copyOf(query);
        this.headers = Map.of(
                "Last-Event-ID", Inputs::cursor,
                "Idempotency-Key", Inputs::idempotencyKey);
    }

    private static final String TAXII = "taxii:";

    /** The key of a route's query parameter among the rules: TAXII parameters have rules of their own (empty is a bad value). */
    static String key(RouteSpec route, String name) {
        return TaxiiRules.taxii(route) ? TAXII + name : name;
    }

    public boolean knowsQuery(String name) {
        return query.containsKey(name);
    }

    public boolean knowsHeader(String name) {
        return headers.containsKey(name);
    }

    public Value query(String name) {
        return query.get(name).apply(v);
    }

    public Value header(String name) {
        return headers.get(name).apply(v);
    }

    /** A valid value for a parameter (for requests whose defect is elsewhere). */
    public Value validQuery(String name) {
        for (int i = 0; i < 1000; i++) {
            Value value = query(name);
            if (value.valid()) {
                return value;
            }
        }
        throw new IllegalStateException("no valid value drawn for " + name);
    }

    /** Text the route takes whatever it is, off-site addresses and header injections included. */
    static Value anyText(Values x) {
        return new Value(x.oneOf(List.of("", x.word(), x.text(), "/console/#case/case-1", "https://evil.example/console/",
                "//evil.example", "/console/\r\nSet-Cookie: x=y", "/console/../api/v1/users")), true);
    }

    /** Cursors: empty (not given) or 19 ASCII digits; anything else, Unicode digits included, is refused. */
    static Value cursor(Values x) {
        return switch (x.random.nextInt(9)) {
            case 0 -> new Value("", true);
            case 1 -> new Value(digits(x, 19, '0'), true);
            case 2 -> new Value(digits(x, x.oneOf(List.of(1, 18, 20, 40)), '0'), false);
            case 3 -> new Value(digits(x, 19, '\u0660'), false);
            case 4 -> new Value(digits(x, 19, '\uff10'), false);
            case 5 -> new Value(digits(x, 18, '0') + x.oneOf(List.of("a", " ", "-", "\u0000", "%", "/")), false);
            case 6 -> new Value("-" + digits(x, 18, '0'), false);
            case 7 -> new Value(x.word() + "x", false);
            default -> {
                String text = x.text();
                yield new Value(text, text.isEmpty() || text.length() == 19 && text.chars().allMatch(c -> c >= '0' && c <= '9'));
            }
        };
    }

    private static String digits(Values x, int count, char zero) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) (zero + x.random.nextInt(10)));
        }
        return out.toString();
    }

    /** Whole numbers as Integer.parseInt reads them (sign, leading zeros); empty is not given. */
    static Value whole(Values x, int min, int max) {
        String text = switch (x.random.nextInt(10)) {
            case 0 -> "";
            case 1, 2 -> String.valueOf(x.between(min, max));
            case 3 -> String.valueOf(x.oneOf(List.of(min - 1, max + 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE)));
            case 4 -> x.oneOf(List.of("99999999999", "1.5", "1e3", "0x10", "5 ", " 5", "5a", "NaN", "--1", "٣", "+", "-"));
            case 5 -> "0".repeat(x.between(1, 5)) + x.between(min, max);
            case 6 -> String.valueOf(x.integer());
            case 7 -> x.word();
            default -> x.text();
        };
        try {
            int value = Integer.parseInt(text);
            return new Value(text, value >= min && value <= max);
        } catch (NumberFormatException e) {
            return new Value(text, text.isEmpty());
        }
    }

    static Value symbol(Values x, BodySchema.Kind kind) {
        List<String> names = ((Symbol) kind).values();
        String text = switch (x.random.nextInt(4)) {
            case 0, 1 -> x.oneOf(names);
            case 2 -> x.oneOf(names).toLowerCase(java.util.Locale.ROOT);
            default -> x.oneOf(List.of("", " ", x.word(), x.text()));
        };
        return new Value(text, names.contains(text));
    }

    static Value since(Values x) {
        return switch (x.random.nextInt(6)) {
            case 0, 1 -> new Value(Instant.now().minus(Duration.ofMinutes(x.between(0, 5_000_000))).toString(), true);
            case 2 -> new Value("2026-11-20T10:00:00Z", true);
            case 3 -> new Value(x.oneOf(List.of("", "2026-11-20", "yesterday", "20/11/2026", "2026-13-01T00:00:00Z",
                    "2026-11-20T10:00:00", "1700000000")), false);
            default -> {
                String text = x.text();
                yield new Value(text, parses(text));
            }
        };
    }

    private static boolean parses(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Idempotency keys: 1..200 printable ASCII is a valid key; longer ones or ones with spaces are refused. */
    static Value idempotencyKey(Values x) {
        return switch (x.random.nextInt(4)) {
            case 0, 1 -> new Value(x.word(), true);
            case 2 -> new Value("k".repeat(x.between(201, 2000)), false);
            default -> new Value(x.word() + " " + x.word(), false);
        };
    }

    /** Path variables: a random id (with any characters), or the one a route knows; validity by route. */
    public String pathValue(String known) {
        return switch (v.random.nextInt(10)) {
            case 0, 1, 2 -> known;
            case 3, 4 -> v.word();
            case 5 -> v.text();
            case 6 -> v.oneOf(List.of("..", ".", "%", "a/b", "a?b", "a#b", "\u0000", "stream ", " ", "case-1 ", "null"));
            case 7 -> "x".repeat(v.between(101, 3000));
            case 8 -> known.toUpperCase(java.util.Locale.ROOT);
            default -> v.anyText().replaceAll("[\\ud800-\\udfff]", "") + v.word();
        };
    }

    /** Names no route binds (ignored by the node: harmless). */
    public String unknownName() {
        String name = v.word();
        return Set.of("after", "limit", "minSeverity", "category", "sector", "since", "mine").contains(name)
                || TaxiiQueries.NAMES.contains(name) ? name + "-x" : name;
    }
}
