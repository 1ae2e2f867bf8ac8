package io.aegis.node.api;

import io.aegis.node.domain.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

import java.util.List;
import java.util.Locale;

/**
 * A body must say what it is: a request that carries one to a route taking a body is refused with
 * 415 unless its Content-Type names a type the route consumes. The router already refuses a named
 * type the route does not take; this also refuses a missing or unreadable one, which the router
 * lets through (so {@code Content-Type: garbage} or none at all was read as JSON). Runs after
 * authentication: an anonymous caller still gets 401.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ContentTypeFilter implements Ordered {

    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> requireContentType(HttpRequest<?> request) {
        RouteInfo<?> route = RouteAttributes.getRouteInfo(request).orElse(null);
        if (route == null || route.getBodyArgument().isEmpty() || !hasBody(request)) {
            return null;
        }
        List<String> consumed = route.getConsumes().stream().map(MediaType::getName).toList();
        String type = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        String name = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (consumed.contains(name)) {
            return null;
        }
        String message = "must be one of " + String.join(", ", consumed);
        return HttpResponse.<ApiError>status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(ApiError.of("unsupported content type "
                + (type == null ? "(none)" : type), List.of(new Violation(HttpHeaders.CONTENT_TYPE, message))));
    }

    private static boolean hasBody(HttpRequest<?> request) {
        return request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
