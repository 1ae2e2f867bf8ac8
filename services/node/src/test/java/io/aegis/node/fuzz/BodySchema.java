package io.aegis.node.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON body of one route as the public contract (docs/api.md) describes it: its fields and their
 * rules, and one valid example. The fuzzer breaks these rules on purpose; it never needs the node's
 * own parser to know that a body is invalid.
 *
 * @param emptyValid whether an empty body (or JSON {@code null}) is a valid request (the case acknowledgement)
 */
public record BodySchema(String name, List<Field> fields, ObjectNode example, boolean emptyValid) {

    /** One field: its name, its rule, and whether it must be present. */
    public record Field(String name, Kind kind, boolean required) {
    }

    /** The rule of a field's value. */
    public sealed interface Kind permits Text, Symbol, Whole, Timestamp, Strings, Objects {
    }

    /**
     * A non-blank string of at most {@code max} characters, matching {@code pattern} when there is one;
     * {@code invalid} lists further values the rule refuses (e.g. codes of no country).
     */
    public record Text(int max, Pattern pattern, List<String> invalid) implements Kind {
        public Text(int max) {
            this(max, null, List.of());
        }

        public boolean free() {
            return pattern == null && invalid.isEmpty();
        }
    }

    /** One of the given symbols, spelled exactly. */
    public record Symbol(List<String> values) implements Kind {
    }

    /** A whole number from {@code min} to {@code max}. */
    public record Whole(int min, int max) implements Kind {
    }

    /** An ISO-8601 UTC instant, not in the future. */
    public record Timestamp() implements Kind {
    }

    /** An array of at most {@code maxItems} distinct strings, each following {@code item}; {@code valid} is one that does. */
    public record Strings(int maxItems, Kind item, String valid) implements Kind {
    }

    /**
     * An array of at most {@code maxItems} objects with the given fields; {@code example} is a valid item,
     * {@code invalidItems} items that break a rule across fields (e.g. an indicator value of the wrong shape).
     */
    public record Objects(int maxItems, List<Field> fields, ObjectNode example, List<ObjectNode> invalidItems) implements Kind {
    }
}
