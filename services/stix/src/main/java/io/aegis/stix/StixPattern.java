package io.aegis.stix;

import java.util.List;

/**
 * The syntax tree of a STIX 2.1 pattern (STIX 2.1 section 9) and its parser. The whole grammar is
 * parsed (observation expressions with AND/OR/FOLLOWEDBY and qualifiers, comparison expressions with
 * AND/OR, every comparison operator and literal kind) so that a pattern that is not STIX can be told
 * apart from one that is STIX but that Aegis cannot map ({@link PatternIndicators}).
 */
public final class StixPattern {

    private StixPattern() {
    }

    /** An observation expression. */
    public sealed interface Observation permits Simple, Combined, Qualified {
    }

    /** {@code [ comparison ]}. */
    public record Simple(Comparison comparison) implements Observation {
    }

    /** Two observation expressions joined by {@code AND}, {@code OR} or {@code FOLLOWEDBY}. */
    public record Combined(String operator, Observation left, Observation right) implements Observation {
    }

    /** An observation expression with a qualifier ({@code WITHIN}, {@code REPEATS}, {@code START}). */
    public record Qualified(Observation observation, String qualifier) implements Observation {
    }

    /** A comparison expression, inside one observation. */
    public sealed interface Comparison permits Test, Exists, Joined {
    }

    /** {@code path [NOT] operator literal}. */
    public record Test(ObjectPath path, boolean negated, String operator, Literal literal) implements Comparison {
    }

    /** {@code EXISTS path}. */
    public record Exists(ObjectPath path) implements Comparison {
    }

    /** Two comparison expressions joined by {@code AND} or {@code OR}. */
    public record Joined(String operator, Comparison left, Comparison right) implements Comparison {
    }

    /**
     * {@code object-type:property.step...}: each step is a property or dictionary key (String), a list
     * index (Integer) or the any-index {@code "*"}.
     */
    public record ObjectPath(String objectType, List<Object> steps) {
    }

    /** A literal: its kind ({@code string, int, float, bool, hex, binary, timestamp, set}) and value. */
    public record Literal(String kind, String value, List<Literal> members) {
        static Literal of(String kind, String value) {
            return new Literal(kind, value, List.of());
        }
    }

    /** The pattern's syntax tree; throws when it is not valid STIX pattern syntax. */
    public static Observation parse(String pattern) {
        return new PatternParser(PatternLexer.tokens(pattern)).pattern();
    }

    /** The pattern as a string literal body: {@code \} and {@code '} escaped, as the grammar requires. */
    public static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
