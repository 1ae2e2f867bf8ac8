package io.aegis.node.security;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Who a session (a JWT whose signature and expiry already checked out) stands for: the user as the
 * {@link UserDirectory} knows it now, with the current roles, never the roles written in the token.
 * Invariant: a session of a user disabled since, or whose password was reset since (its
 * {@value #CREDENTIAL_VERSION} claim no longer matches), authenticates nobody.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
public final class SessionAuthentication implements JwtAuthenticationFactory {

    /** The claim recording the password version the session was issued for. */
    public static final String CREDENTIAL_VERSION = "cv";
    /** Attribute marking an authentication that came from a session cookie. */
    public static final String SESSION = "session";

    private final UserDirectory users;

    public SessionAuthentication(UserDirectory users) {
        this.users = users;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        try {
            String name = token.getJWTClaimsSet().getSubject();
            Object version = token.getJWTClaimsSet().getClaim(CREDENTIAL_VERSION);
            if (!(version instanceof String cv)) {
                return Optional.empty();
            }
            return users.session(name, cv).map(u -> Authentication.build(u.name(), u.roles(), Map.of(SESSION, true)));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
