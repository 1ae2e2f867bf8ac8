package io.aegis.node.taxii;

import io.aegis.node.api.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes every answer under {@code /taxii2/} a TAXII 2.1 answer: a request whose {@code Accept} asks for
 * another TAXII version or type is refused with 406, a POST whose body is not TAXII 2.1 with 415, and
 * every error (whichever part of the node raised it: authentication, a filter, a store, the framework)
 * is rendered as the TAXII error message resource in the TAXII media type. A 401 names both ways to
 * authenticate: TAXII clients commonly only speak HTTP Basic.
 */
@ServerFilter("/taxii2/**")
public class TaxiiFilter implements Ordered {

    @RequestFilter
    @Nullable
    public HttpResponse<Object> negotiate(HttpRequest<?> request) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (!TaxiiMedia.acceptable(accept)) {
            return error(HttpStatus.NOT_ACCEPTABLE, "not acceptable: " + accept,
                    List.of(new ApiError.Item(HttpHeaders.ACCEPT, "must accept " + TaxiiMedia.TAXII)));
        }
        if (request.getMethod() == HttpMethod.POST && !TaxiiMedia.taxiiContent(request.getHeaders().get(HttpHeaders.CONTENT_TYPE))) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported content type "
                    + request.getHeaders().get(HttpHeaders.CONTENT_TYPE, String.class).orElse("(none)"),
                    List.of(new ApiError.Item(HttpHeaders.CONTENT_TYPE, "must be " + TaxiiMedia.TAXII)));
        }
        return null;
    }

    @ResponseFilter
    public void render(MutableHttpResponse<?> response) {
        Object body = response.getBody().orElse(null);
        if (response.code() >= 400) {
            ApiError error = body instanceof ApiError e ? e : new ApiError(response.reason(), List.of());
            @SuppressWarnings("unchecked")
            MutableHttpResponse<Object> taxii = (MutableHttpResponse<Object>) response;
            taxii.body(resource(response.code(), error.error(), error.violations()));
            if (response.code() == 401) {
                taxii.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"aegis\", Bearer");
            }
        }
        response.contentType(TaxiiMedia.TAXII);
    }

    private static MutableHttpResponse<Object> error(HttpStatus status, String title, List<ApiError.Item> details) {
        return HttpResponse.status(status).body((Object) resource(status.getCode(), title, details)).contentType(TaxiiMedia.TAXII);
    }

    /** The TAXII 2.1 error message resource: title, http_status, and the violated rules as details. */
    public static Map<String, Object> resource(int status, String title, List<ApiError.Item> violations) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("title", title);
        error.put("http_status", Integer.toString(status));
        if (!violations.isEmpty()) {
            error.put("description", violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("violations", violations);
            error.put("details", details);
        }
        return error;
    }

    @Override
    public int getOrder() {
        // before security: its refusals (401, 403) pass back through this filter and become TAXII errors too
        return ServerFilterPhase.SECURITY.before();
    }
}
