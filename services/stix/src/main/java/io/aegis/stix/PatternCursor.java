package io.aegis.stix;

import io.aegis.stix.PatternLexer.Kind;
import io.aegis.stix.PatternLexer.Token;

import java.util.List;

/** The parser's position in the token list: look ahead, consume, and fail with the offending offset. */
final class PatternCursor {

    private final List<Token> tokens;
    private int at;

    PatternCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token expectNumber() {
        Token t = next();
        if ((t.kind() != Kind.INT && t.kind() != Kind.FLOAT) || t.text().startsWith("-")) {
            throw new StixPatternException("expected a positive number", t.position());
        }
        return t;
    }

    void expectKeyword(String keyword) {
        expect(Kind.KEYWORD, keyword);
        if (!tokens.get(at - 1).text().equals(keyword)) {
            throw new StixPatternException("expected " + keyword, tokens.get(at - 1).position());
        }
    }

    Token expect(Kind kind, String what) {
        Token t = next();
        if (t.kind() != kind) {
            throw new StixPatternException("expected " + what, t.position());
        }
        return t;
    }

    boolean accept(Kind kind, String text) {
        if (peek().is(kind, text)) {
            at++;
            return true;
        }
        return false;
    }

    Token peek() {
        return tokens.get(at);
    }

    Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.EOF) {
            at++;
        }
        return t;
    }

    StixPatternException error(String message) {
        return new StixPatternException(message, peek().position());
    }
}
