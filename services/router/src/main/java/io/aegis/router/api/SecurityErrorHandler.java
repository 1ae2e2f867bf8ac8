package io.aegis.router.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 401 with a Basic challenge without valid credentials (missing, unknown user or wrong password
 * alike), 403 when an authenticated caller is refused; both in the API's error shape.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class SecurityErrorHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    static final String CHALLENGE = "Basic realm=\"aegis-router\", charset=\"UTF-8\"";

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException e) {
        if (e.isForbidden()) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(ApiError.of("the caller may not use this endpoint"));
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", CHALLENGE)
                .body(ApiError.of("valid Basic credentials of a router API user are required"));
    }
}
