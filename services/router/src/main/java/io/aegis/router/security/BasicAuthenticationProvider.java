package io.aegis.router.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;

/**
 * Checks the user name and password of {@code Authorization: Basic} (read by Micronaut Security's
 * Basic auth fetcher) against {@link ApiUsers}. A failure leaves the request anonymous, so a
 * secured endpoint answers 401; the reason is never told to the caller.
 */
@Singleton
public class BasicAuthenticationProvider<B> implements HttpRequestAuthenticationProvider<B> {

    private final ApiUsers users;

    public BasicAuthenticationProvider(ApiUsers users) {
        this.users = users;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        return users.authenticate(credentials.getIdentity(), credentials.getSecret())
                .map(user -> AuthenticationResponse.success(user.name()))
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
    }
}
