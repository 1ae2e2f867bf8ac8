package io.aegis.node.fuzz;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.management.endpoint.annotation.Selector;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One route of the running node, read from Micronaut's {@link Router}: its method and template, who
 * may call it (from {@code @Secured}), and the inputs it binds (query values, headers, path variables,
 * body, content types). The fuzzer derives what it sends from these, so a new route or parameter is
 * fuzzed (or fails the test for want of a rule) without anyone listing it.
 *
 * @param roles the roles that may call it; empty with {@code open} for anonymous access, empty without it
 *              for any authenticated caller
 */
public record RouteSpec(String method, String template, boolean open, List<String> roles, Map<String, Class<?>> query,
                        List<String> headers, List<String> pathVariables, boolean body, List<String> consumes,
                        List<String> produces) {

    public String name() {
        return method + " " + template;
    }

    public boolean stream() {
        return produces.contains(MediaType.TEXT_EVENT_STREAM);
    }

    public boolean authenticated() {
        return !open;
    }

    /** Argument types bound from the request's context rather than from its input. */
    private static final List<Class<?>> CONTEXT = List.of(Authentication.class, Principal.class, HttpRequest.class);

    /** Every route of the node but HEAD ones (HEAD is fuzzed as a method of each GET route). */
    /** Management endpoints the node configures {@code sensitive: true}. */
    private static final java.util.Set<String> SENSITIVE_ENDPOINTS = java.util.Set.of("/prometheus");

    public static List<RouteSpec> all(Router router) {
        List<RouteSpec> routes = new ArrayList<>();
        router.uriRoutes().filter(r -> !r.getHttpMethodName().equals("HEAD")).forEach(r -> routes.add(of(r)));
        routes.sort(Comparator.comparing(RouteSpec::name));
        return routes;
    }

    static RouteSpec of(UriRouteInfo<?, ?> route) {
        AnnotationMetadata metadata = route.getTargetMethod().getAnnotationMetadata();
        List<String> secured = Arrays.asList(metadata.stringValues(Secured.class));
        boolean open = secured.isEmpty() || secured.contains(SecurityRule.IS_ANONYMOUS);
        List<String> roles = secured.stream().filter(s -> !s.equals(SecurityRule.IS_AUTHENTICATED)
                && !s.equals(SecurityRule.IS_ANONYMOUS)).toList();
        if (SENSITIVE_ENDPOINTS.contains(route.getUriMatchTemplate().toString())) {
            // a management endpoint configured sensitive (application.yml): MetricsAccessRule decides who reads it
            open = false;
            roles = List.copyOf(io.aegis.node.security.MetricsAccessRule.ROLES);
        }
        Map<String, Class<?>> query = new LinkedHashMap<>();
        List<String> headers = new ArrayList<>();
        boolean body = false;
        for (Argument<?> argument : route.getTargetMethod().getArguments()) {
            AnnotationMetadata a = argument.getAnnotationMetadata();
            if (a.hasAnnotation(QueryValue.class)) {
                query.put(a.stringValue(QueryValue.class).orElse(argument.getName()), argument.getType());
            } else if (a.hasAnnotation(Header.class)) {
                headers.add(a.stringValue(Header.class).or(() -> a.stringValue(Header.class, "name")).orElse(argument.getName()));
            } else if (a.hasAnnotation(Body.class)) {
                body = true;
            } else if (!a.hasAnnotation(PathVariable.class) && !a.hasAnnotation(Selector.class) && CONTEXT.stream().noneMatch(c -> c.isAssignableFrom(argument.getType()))
                    && !route.getUriMatchTemplate().getVariableNames().contains(argument.getName())) {
                // unannotated: Micronaut binds it from the query, so it needs a rule like any query value
                query.put(argument.getName(), argument.getType());
            }
        }
        List<String> path = route.getUriMatchTemplate().getVariableNames();
        RouteSpec spec = new RouteSpec(route.getHttpMethodName(), route.getUriMatchTemplate().toString(), open, roles, query,
                headers, path, body, List.of(), List.of());
        if (TaxiiRules.filtered(spec)) {
            // read from the HttpRequest (TaxiiQuery.of), not bound: the Router does not list them
            TaxiiQueries.NAMES.forEach(name -> query.put(name, String.class));
        }
        return new RouteSpec(route.getHttpMethodName(), route.getUriMatchTemplate().toString(), open, roles, query,
                headers, path, body, route.getConsumes().stream().map(MediaType::getName).toList(),
                route.getProduces().stream().map(MediaType::getName).toList());
    }
}
