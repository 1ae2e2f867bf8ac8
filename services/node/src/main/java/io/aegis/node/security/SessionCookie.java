package io.aegis.node.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * The session cookie: its one name, how it is written (HttpOnly, SameSite=Strict, path /, Secure
 * unless configured off), and reading it as the token of a request. A session found here is checked
 * like any JWT (signature, expiry) and then by {@link SessionAuthentication}.
 */
@Singleton
public final class SessionCookie implements TokenReader<HttpRequest<?>> {

    public static final String NAME = "AEGIS_SESSION";

    /** The cookie holding {@code jwt} for {@code maxAge}; an empty value with zero age clears it. */
    public static Cookie of(String jwt, Duration maxAge, boolean secure) {
        return Cookie.of(NAME, jwt).httpOnly(true).sameSite(SameSite.Strict).secure(secure).path("/").maxAge(maxAge);
    }

    /** True when the request brought a session cookie (valid or not). */
    public static boolean present(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).isPresent();
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).filter(v -> !v.isBlank());
    }
}
