package io.aegis.node.security;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;

/**
 * HTTP Basic authentication with a bearer token as the password (the user name is not used): common
 * TAXII clients only speak Basic. The same tokens, the same roles: Basic is another way to present a
 * token, not another kind of account. An unknown token is a failure, never an anonymous call.
 */
@Singleton
public final class TokenPasswordAuthentication<B> implements HttpRequestAuthenticationProvider<B> {

    private final UserDirectory users;

    public TokenPasswordAuthentication(UserDirectory users) {
        this.users = users;
    }

    @Override
    public @NonNull AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                                        @NonNull AuthenticationRequest<String, String> credentials) {
        String token = credentials.getSecret();
        return users.authenticate(token == null ? "" : token)
                .map(user -> AuthenticationResponse.success(user.name(), user.roles()))
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
    }
}
