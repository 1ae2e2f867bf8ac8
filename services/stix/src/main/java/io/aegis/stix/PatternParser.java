package io.aegis.stix;

import io.aegis.stix.PatternLexer.Kind;
import io.aegis.stix.PatternLexer.Token;
import io.aegis.stix.StixPattern.Comparison;
import io.aegis.stix.StixPattern.Combined;
import io.aegis.stix.StixPattern.Exists;
import io.aegis.stix.StixPattern.Joined;
import io.aegis.stix.StixPattern.Literal;
import io.aegis.stix.StixPattern.ObjectPath;
import io.aegis.stix.StixPattern.Observation;
import io.aegis.stix.StixPattern.Qualified;
import io.aegis.stix.StixPattern.Simple;
import io.aegis.stix.StixPattern.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of the STIX 2.1 pattern grammar. Precedence, loosest first: FOLLOWEDBY,
 * observation OR, observation AND, qualifiers; inside brackets comparison OR, then AND. Left-associative.
 */
final class PatternParser {

    private static final Pattern OBJECT_TYPE = Pattern.compile("^[a-z][a-z0-9-]*[a-z0-9]$");
    private static final Pattern PROPERTY = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    private static final Set<String> ORDERABLE = Set.of("int", "float", "string", "binary", "hex", "timestamp");
    private static final Set<String> STRING_OPERATORS = Set.of("LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET");

    private final PatternCursor in;

    PatternParser(List<Token> tokens) {
        this.in = new PatternCursor(tokens);
    }

    Observation pattern() {
        Observation root = observations();
        in.expect(Kind.EOF, "end of pattern");
        return root;
    }

    private Observation observations() {
        Observation left = observationOr();
        while (in.accept(Kind.KEYWORD, "FOLLOWEDBY")) {
            left = new Combined("FOLLOWEDBY", left, observationOr());
        }
        return left;
    }

    private Observation observationOr() {
        Observation left = observationAnd();
        while (in.accept(Kind.KEYWORD, "OR")) {
            left = new Combined("OR", left, observationAnd());
        }
        return left;
    }

    private Observation observationAnd() {
        Observation left = qualified();
        while (in.accept(Kind.KEYWORD, "AND")) {
            left = new Combined("AND", left, qualified());
        }
        return left;
    }

    private Observation qualified() {
        Observation obs = primaryObservation();
        while (in.peek().kind() == Kind.KEYWORD && Set.of("WITHIN", "REPEATS", "START").contains(in.peek().text())) {
            obs = new Qualified(obs, qualifier());
        }
        return obs;
    }

    private Observation primaryObservation() {
        if (in.accept(Kind.LBRACK, "[")) {
            Comparison comparison = comparisonOr();
            in.expect(Kind.RBRACK, "']'");
            return new Simple(comparison);
        }
        if (in.accept(Kind.LPAREN, "(")) {
            Observation inner = observations();
            in.expect(Kind.RPAREN, "')'");
            return inner;
        }
        throw in.error("expected '[' or '(' to start an observation expression");
    }

    private String qualifier() {
        Token kw = in.next();
        switch (kw.text()) {
            case "WITHIN" -> {
                Token n = in.expectNumber();
                in.expectKeyword("SECONDS");
                return "WITHIN " + n.text() + " SECONDS";
            }
            case "REPEATS" -> {
                Token n = in.expect(Kind.INT, "a positive integer");
                in.expectKeyword("TIMES");
                return "REPEATS " + n.text() + " TIMES";
            }
            default -> {
                Literal start = checked(in.expect(Kind.TIMESTAMP, "a timestamp literal t'...'"), "timestamp",
                        StixTime.TIMESTAMP.pattern());
                in.expectKeyword("STOP");
                Literal stop = checked(in.expect(Kind.TIMESTAMP, "a timestamp literal t'...'"), "timestamp",
                        StixTime.TIMESTAMP.pattern());
                return "START t'" + start.value() + "' STOP t'" + stop.value() + "'";
            }
        }
    }

    private Comparison comparisonOr() {
        Comparison left = comparisonAnd();
        while (in.accept(Kind.KEYWORD, "OR")) {
            left = new Joined("OR", left, comparisonAnd());
        }
        return left;
    }

    private Comparison comparisonAnd() {
        Comparison left = propTest();
        while (in.accept(Kind.KEYWORD, "AND")) {
            left = new Joined("AND", left, propTest());
        }
        return left;
    }

    private Comparison propTest() {
        if (in.accept(Kind.LPAREN, "(")) {
            Comparison inner = comparisonOr();
            in.expect(Kind.RPAREN, "')'");
            return inner;
        }
        if (in.accept(Kind.KEYWORD, "EXISTS")) {
            return new Exists(path());
        }
        ObjectPath path = path();
        boolean negated = in.accept(Kind.KEYWORD, "NOT");
        Token op = in.next();
        if (op.kind() == Kind.OP) {
            Literal literal = literal();
            boolean equality = op.text().equals("=") || op.text().equals("!=");
            if (!equality && !ORDERABLE.contains(literal.kind())) {
                throw new StixPatternException("operator " + op.text() + " needs an orderable literal", op.position());
            }
            return new Test(path, negated, op.text(), literal);
        }
        if (op.is(Kind.KEYWORD, "IN")) {
            return new Test(path, negated, "IN", set());
        }
        if (op.kind() == Kind.KEYWORD && STRING_OPERATORS.contains(op.text())) {
            Token s = in.expect(Kind.STRING, "a string literal after " + op.text());
            return new Test(path, negated, op.text(), Literal.of("string", s.text()));
        }
        throw new StixPatternException("expected a comparison operator", op.position());
    }

    private ObjectPath path() {
        Token type = in.expect(Kind.IDENT, "an object type");
        if (!OBJECT_TYPE.matcher(type.text()).matches()) {
            throw new StixPatternException("invalid object type '" + type.text() + "'", type.position());
        }
        in.expect(Kind.COLON, "':' after the object type");
        List<Object> steps = new ArrayList<>();
        steps.add(property());
        while (true) {
            if (in.accept(Kind.DOT, ".")) {
                steps.add(property());
            } else if (in.accept(Kind.LBRACK, "[")) {
                Token index = in.next();
                if (index.kind() == Kind.STAR) {
                    steps.add("*");
                } else if (index.kind() == Kind.INT) {
                    steps.add(Integer.valueOf(index.text()));
                } else {
                    throw new StixPatternException("expected a list index or '*'", index.position());
                }
                in.expect(Kind.RBRACK, "']'");
            } else {
                return new ObjectPath(type.text(), List.copyOf(steps));
            }
        }
    }

    private String property() {
        Token t = in.next();
        if (t.kind() == Kind.STRING) {
            return t.text();
        }
        if (t.kind() == Kind.IDENT && PROPERTY.matcher(t.text()).matches()) {
            return t.text();
        }
        throw new StixPatternException("expected a property name", t.position());
    }

    private Literal set() {
        in.expect(Kind.LPAREN, "'(' to start a set");
        List<Literal> members = new ArrayList<>();
        do {
            members.add(literal());
        } while (in.accept(Kind.COMMA, ","));
        in.expect(Kind.RPAREN, "')' to end a set");
        return new Literal("set", "", List.copyOf(members));
    }

    private Literal literal() {
        Token t = in.next();
        return switch (t.kind()) {
            case STRING -> Literal.of("string", t.text());
            case INT -> Literal.of("int", t.text());
            case FLOAT -> Literal.of("float", t.text());
            case BOOL -> Literal.of("bool", t.text());
            case HEX -> checked(t, "hex", "^([0-9a-fA-F]{2})*$");
            case BINARY -> checked(t, "binary", "^[A-Za-z0-9+/]*={0,2}$");
            case TIMESTAMP -> checked(t, "timestamp", StixTime.TIMESTAMP.pattern());
            default -> throw new StixPatternException("expected a literal", t.position());
        };
    }

    private static Literal checked(Token t, String kind, String regex) {
        if (!t.text().matches(regex)) {
            throw new StixPatternException("malformed " + kind + " literal", t.position());
        }
        return Literal.of(kind, t.text());
    }
}
