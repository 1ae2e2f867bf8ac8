package io.aegis.node.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Set;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Who may read the node's sensitive management endpoints ({@code /prometheus}: the node's own
 * counts of signals accepted and rejected, webhook deliveries): its operators and administrators,
 * never anonymous callers nor publishers and duty officers.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
public class MetricsAccessRule extends SensitiveEndpointRule {

    /** The roles that may read the sensitive management endpoints. */
    public static final java.util.List<String> ROLES = java.util.List.of(Roles.OPERATOR, Roles.ADMIN);
    private static final Set<String> ALLOWED = Set.copyOf(ROLES);

    public MetricsAccessRule(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    @NonNull
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(@NonNull HttpRequest<?> request,
                                                                        @NonNull Authentication authentication,
                                                                        @NonNull ExecutableMethod<?, ?> method) {
        return Mono.just(mayRead(authentication.getRoles()) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    static boolean mayRead(Collection<String> roles) {
        return roles.stream().anyMatch(ALLOWED::contains);
    }
}
