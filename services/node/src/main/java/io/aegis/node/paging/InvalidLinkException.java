package io.aegis.node.paging;

/**
 * A token that is no acknowledgement link this node issued: {@link Kind#MALFORMED} when it does not
 * even have a token's shape (400), {@link Kind#FORGED} when its signature does not match (403).
 * The message never repeats the token.
 */
public final class InvalidLinkException extends RuntimeException {

    /** Why the token was refused. */
    public enum Kind { MALFORMED, FORGED }

    private final Kind kind;

    InvalidLinkException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
