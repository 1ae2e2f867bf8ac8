package io.aegis.node.security.oidc;

/**
 * A sign-in through the identity provider that did not give a session, with the HTTP status to
 * answer and a message for the person (never a token, code or secret).
 */
public final class OidcRefusal extends RuntimeException {

    /** Why: the sign-in's own state is missing, tampered, expired or replayed. */
    public static final int BAD_STATE = 400;
    /** Why: the provider or its ID token was not believed (or it said no). */
    public static final int NOT_AUTHENTICATED = 401;
    /** Why: the person is authenticated by the provider but is no enabled user of this node. */
    public static final int NOT_A_USER = 403;
    /** Why: the provider could not be reached or answered nonsense. */
    public static final int PROVIDER_FAILED = 502;

    private final int status;

    public OidcRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
