package io.aegis.node.security.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.aegis.node.security.UserDirectory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's sign-in through the agency's identity provider, from start to the node user it stands
 * for. Invariants: the person is the node user named by the configured claim of a validated ID token
 * ({@link OidcProvider}), enabled in the {@link UserDirectory}, whose roles are the directory's and
 * never the token's; anything else ends in an {@link OidcRefusal} and no session.
 */
@Singleton
@Requires(property = "aegis.node.oidc.enabled", value = "true")
public final class OidcSignIn {

    /** A sign-in to start: where the browser goes, and the cookie that remembers it there. */
    public record Start(String authorizationUrl, String cookie) {
    }

    /** A finished sign-in: who, and where the browser goes next (a console path). */
    public record Finished(UserDirectory.User user, String returnTo) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);

    private final OidcSettings settings;
    private final OidcProvider provider;
    private final PendingLogins pending;
    private final UserDirectory users;

    public OidcSignIn(OidcSettings settings, OidcProvider provider, PendingLogins pending, UserDirectory users) {
        this.settings = settings;
        this.provider = provider;
        this.pending = pending;
        this.users = users;
    }

    /** Starts a sign-in that ends at {@code returnTo} if it is a console path of this node (else the console). */
    public Start start(String returnTo) {
        PendingLogins.Pending login = pending.start(ReturnTo.of(returnTo));
        return new Start(provider.authorizationUrl(login), pending.seal(login));
    }

    /**
     * Finishes the sign-in the provider sent back with {@code code} (or {@code error}) and {@code state},
     * in the browser holding {@code cookie}.
     */
    public Finished finish(String code, String state, String error, String cookie) {
        PendingLogins.Pending login = pending.finish(cookie, state);
        if (error != null && !error.isBlank()) {
            throw new OidcRefusal(OidcRefusal.NOT_AUTHENTICATED, "the identity provider did not sign you in (" + safe(error) + ")");
        }
        if (code == null || code.isBlank()) {
            throw new OidcRefusal(OidcRefusal.NOT_AUTHENTICATED, "the identity provider sent no code back: start the sign-in again");
        }
        JWTClaimsSet claims = provider.redeem(code, login);
        Object claimed = claims.getClaim(settings.usernameClaim());
        if (!(claimed instanceof String name) || name.isBlank()) {
            throw new OidcRefusal(OidcRefusal.NOT_A_USER, "the identity provider's ID token has no "
                    + settings.usernameClaim() + " claim (aegis.node.oidc.username-claim) naming a user");
        }
        UserDirectory.User user = users.providerSignIn(name).orElseThrow(() -> {
            LOG.warn("OIDC sign-in refused: {} is not an enabled user of this node", safe(name));
            return new OidcRefusal(OidcRefusal.NOT_A_USER, "the identity provider signed you in as " + safe(name)
                    + ", who is not an enabled user of this node: ask an ADMIN of the node to add or enable you");
        });
        LOG.info("{} signed in through the identity provider", user.name());
        return new Finished(user, login.returnTo());
    }

    /** {@code text} shortened and stripped to printable ASCII, to be shown and logged. */
    private static String safe(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
