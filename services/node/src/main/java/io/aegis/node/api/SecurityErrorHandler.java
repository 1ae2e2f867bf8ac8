package io.aegis.node.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.aegis.node.security.SessionCookie;
import jakarta.inject.Singleton;

/**
 * 401 without a valid identity, 403 without the role, both in the API's error shape. A request that
 * brought a session cookie which authenticates nobody (forged, signed with another key, expired,
 * signed out, or of a user disabled or whose password was reset since) is told so.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class SecurityErrorHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        if (e.isForbidden()) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(ApiError.of("the caller lacks the role this endpoint needs"));
        }
        boolean session = SessionCookie.present(request)
                && !request.getHeaders().contains(io.micronaut.http.HttpHeaders.AUTHORIZATION);
        return HttpResponse.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                .body(ApiError.of(session
                        ? "the session is not valid (expired, signed out, revoked or not issued by this node); sign in again"
                        : "a valid bearer token or a sign-in session is required"));
    }
}
