package io.aegis.registry.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Checks the HTTP Basic credentials Micronaut Security's {@code BasicAuthAuthenticationFetcher}
 * reads from each request against the {@link UserDirectory}. Refused credentials leave the request
 * anonymous, so it is answered 401 like a request without credentials.
 */
@Singleton
final class PasswordAuthenticationProvider<B> implements HttpRequestAuthenticationProvider<B> {

    /** The role of admin users (what {@link RegistryUser#admin()} says, for anything reading roles). */
    static final String ADMIN_ROLE = "ADMIN";

    private final UserDirectory users;

    PasswordAuthenticationProvider(UserDirectory users) {
        this.users = users;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        return users.authenticate(credentials.getIdentity(), credentials.getSecret())
                .map(user -> AuthenticationResponse.success(user.name(), user.admin() ? List.of(ADMIN_ROLE) : List.of()))
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
    }
}
