package io.aegis.node.api;

import io.aegis.node.domain.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.aegis.node.security.SessionCookie;

import java.util.List;
import java.util.Set;

/**
 * Cross-site request forgery guard for the session cookie. The cookie is SameSite=Strict, and in
 * addition a request that changes state (any method but GET, HEAD, OPTIONS) while carrying the
 * session cookie and no {@code Authorization} header must carry the {@value #HEADER} header: a page
 * of another site cannot set a custom header on a request to the node without a CORS preflight,
 * which the node never grants. {@code /login} takes no session, and {@code /ack/**} links carry
 * their own proof, so both are exempt. Runs before authentication: a forged request changes nothing.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SessionCsrfFilter implements Ordered {

    /** The header a cookie-authenticated state-changing request must carry (any non-blank value). */
    public static final String HEADER = "X-Requested-With";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> requireHeader(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod()) || !SessionCookie.present(request)
                || request.getHeaders().contains(HttpHeaders.AUTHORIZATION) || exempt(request.getPath())) {
            return null;
        }
        String value = request.getHeaders().get(HEADER);
        if (value != null && !value.isBlank()) {
            return null;
        }
        return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN).body(ApiError.of(
                "a request signed in by the session cookie that changes state must carry the " + HEADER + " header",
                List.of(new Violation(HEADER, "is required with the session cookie (cross-site request forgery guard)"))));
    }

    private static boolean exempt(String path) {
        return path.equals("/login") || path.startsWith("/ack/");
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
