package io.aegis.stix;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tokens of a STIX 2.1 pattern. String literals keep their unescaped value; the only escapes the
 * grammar allows are {@code \'} and {@code \\}, anything else after a backslash is a syntax error.
 */
final class PatternLexer {

    enum Kind { LBRACK, RBRACK, LPAREN, RPAREN, COLON, DOT, COMMA, STAR, OP, STRING, INT, FLOAT, HEX, BINARY,
        TIMESTAMP, BOOL, KEYWORD, IDENT, EOF }

    record Token(Kind kind, String text, int position) {
        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }
    }

    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES",
            "ISSUPERSET", "ISSUBSET", "EXISTS", "IN", "WITHIN", "SECONDS", "REPEATS", "TIMES", "START", "STOP");

    private final String s;
    private int i;
    private final List<Token> out = new ArrayList<>();

    private PatternLexer(String s) {
        this.s = s;
    }

    static List<Token> tokens(String pattern) {
        PatternLexer lexer = new PatternLexer(pattern);
        lexer.run();
        return lexer.out;
    }

    private void run() {
        while (i < s.length()) {
            char c = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("[]():.,*".indexOf(c) >= 0) {
                out.add(new Token(single(c), String.valueOf(c), start));
                i++;
            } else if ("=!<>".indexOf(c) >= 0) {
                operator(start);
            } else if (c == '\'') {
                out.add(new Token(Kind.STRING, string(), start));
            } else if ((c == 'h' || c == 'b' || c == 't') && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                i++;
                Kind kind = c == 'h' ? Kind.HEX : c == 'b' ? Kind.BINARY : Kind.TIMESTAMP;
                out.add(new Token(kind, string(), start));
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < s.length()
                    && Character.isDigit(s.charAt(i + 1)))) {
                number(start);
            } else if (Character.isLetter(c) || c == '_') {
                word(start);
            } else {
                throw new StixPatternException("unexpected character '" + c + "'", start);
            }
        }
        out.add(new Token(Kind.EOF, "", s.length()));
    }

    private static Kind single(char c) {
        return switch (c) {
            case '[' -> Kind.LBRACK;
            case ']' -> Kind.RBRACK;
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case ':' -> Kind.COLON;
            case '.' -> Kind.DOT;
            case ',' -> Kind.COMMA;
            default -> Kind.STAR;
        };
    }

    private void operator(int start) {
        String two = s.length() >= i + 2 ? s.substring(i, i + 2) : "";
        if (Set.of("==", "!=", "<>", "<=", ">=").contains(two)) {
            i += 2;
            out.add(new Token(Kind.OP, two.equals("==") ? "=" : two.equals("<>") ? "!=" : two, start));
        } else if (s.charAt(i) == '!') {
            throw new StixPatternException("'!' must be followed by '='", start);
        } else {
            out.add(new Token(Kind.OP, String.valueOf(s.charAt(i++)), start));
        }
    }

    private String string() {
        int start = i++;
        StringBuilder value = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\'') {
                return value.toString();
            }
            if (c == '\\') {
                if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '\\')) {
                    throw new StixPatternException("invalid escape in string literal (only \\' and \\\\)", i - 1);
                }
                c = s.charAt(i++);
            }
            value.append(c);
        }
        throw new StixPatternException("unterminated string literal", start);
    }

    private void number(int start) {
        i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        Kind kind = Kind.INT;
        if (i + 1 < s.length() && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
            kind = Kind.FLOAT;
            i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
        }
        out.add(new Token(kind, s.substring(start, i), start));
    }

    private void word(int start) {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
            i++;
        }
        String w = s.substring(start, i);
        Kind kind = KEYWORDS.contains(w) ? Kind.KEYWORD : (w.equals("true") || w.equals("false")) ? Kind.BOOL : Kind.IDENT;
        out.add(new Token(kind, w, start));
    }
}
