package io.aegis.registry.security;

import io.aegis.registry.security.Access.Level;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * The registry's one security rule, decisive for every request: {@code GET /health} is open to
 * anyone (it shows details only to authenticated users); every other call needs an authenticated
 * user (else 401), and the {@link Access} level of the matched controller method decides, through
 * {@link AccessPolicy}, whether that user may make it (else 403, the denial kept in the request
 * attribute {@link AccessPolicy#DENIAL_ATTRIBUTE} for the error body). A call matching no route counts as a read when
 * it is a GET or HEAD and as an admin call otherwise; a route without {@link Access} is an admin call.
 */
@Singleton
final class RegistryAccessRule implements SecurityRule<HttpRequest<?>> {

    /** Before Micronaut's own rules, which would otherwise allow or refuse by their defaults. */
    static final int ORDER = -1000;

    private final UserDirectory users;

    RegistryAccessRule(UserDirectory users) {
        this.users = users;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        if (isHealth(request)) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        if (authentication == null) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        Optional<RegistryUser> user = users.user(authentication.getName());
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        Level level = route.map(match -> match.getAnnotationMetadata().enumValue(Access.class, Level.class)
                        .orElse(Level.ADMIN))
                .orElse(isRead(request.getMethod()) ? Level.READ : Level.ADMIN);
        String subject = route.map(match -> match.getVariableValues().get("subject")).map(String::valueOf).orElse(null);
        Optional<String> denial = user.isEmpty() ? Optional.of("User '" + authentication.getName() + "' is unknown")
                : AccessPolicy.denial(user.get(), level, subject, request.getMethod() + " " + request.getPath());
        denial.ifPresent(reason -> request.setAttribute(AccessPolicy.DENIAL_ATTRIBUTE, reason));
        return Publishers.just(denial.isPresent() ? SecurityRuleResult.REJECTED : SecurityRuleResult.ALLOWED);
    }

    private static boolean isHealth(HttpRequest<?> request) {
        String path = request.getPath();
        return isRead(request.getMethod()) && (path.equals("/health") || path.startsWith("/health/"));
    }

    private static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }
}
