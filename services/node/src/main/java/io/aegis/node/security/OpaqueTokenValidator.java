package io.aegis.node.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Validates {@code Authorization: Bearer} tokens against the {@link UserDirectory}. An unknown
 * token yields no authentication (so the request is anonymous and gets 401 where a role is needed).
 */
@Singleton
public final class OpaqueTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final UserDirectory users;

    public OpaqueTokenValidator(UserDirectory users) {
        this.users = users;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return Mono.justOrEmpty(users.authenticate(token).map(u -> Authentication.build(u.name(), u.roles())));
    }
}
