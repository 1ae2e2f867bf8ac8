package io.aegis.node.security;

import io.aegis.node.config.SessionConfig;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Issues the node's own sessions, however the person signed in (password or the agency's identity
 * provider): a JWT signed with the {@link SessionKey} carrying the user name and the credential
 * version that {@link SessionAuthentication} checks on every request, in the {@link SessionCookie}.
 * Invariant: the roles are never taken from the token when it is presented, only from the
 * {@link UserDirectory}; those written at sign-in are informative.
 */
@Singleton
public final class Sessions {

    /** A session just issued: its cookie and when it ends. */
    public record Issued(Cookie cookie, Instant expiresAt) {
    }

    private final JwtTokenGenerator tokens;
    private final SessionConfig config;

    public Sessions(JwtTokenGenerator tokens, SessionConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    /** A session for {@code user}, valid while the user's credential version stays {@code credentialVersion}. */
    public Issued issue(UserDirectory.User user, String credentialVersion) {
        Authentication authentication = Authentication.build(user.name(), user.roles(),
                Map.of(SessionAuthentication.CREDENTIAL_VERSION, credentialVersion));
        String jwt = tokens.generateToken(authentication, (int) config.expiry().toSeconds())
                .orElseThrow(() -> new IllegalStateException("the session token could not be signed"));
        return new Issued(SessionCookie.of(jwt, config.expiry(), config.secureCookie()), Instant.now().plus(config.expiry()));
    }

    /** The cookie that ends the session in the browser. */
    public Cookie cleared() {
        return SessionCookie.of("", Duration.ZERO, config.secureCookie());
    }
}
