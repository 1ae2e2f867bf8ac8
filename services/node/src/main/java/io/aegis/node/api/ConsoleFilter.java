package io.aegis.node.api;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The console's static files are read-only: GET and HEAD only. Without this, Micronaut's static
 * resources answer any method, a POST with a body included, with the file and 200.
 */
@ServerFilter(patterns = "/console/**", methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE,
        HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.CUSTOM, HttpMethod.CONNECT})
public class ConsoleFilter {

    @RequestFilter
    public HttpResponse<ApiError> readOnly() {
        return HttpResponse.<ApiError>status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "GET, HEAD")
                .body(ApiError.of("method not allowed: the console's files are read-only (GET, HEAD)"));
    }
}
