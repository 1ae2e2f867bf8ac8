package io.aegis.registry.api;

import io.aegis.registry.api.Dtos.ErrorResponse;
import io.aegis.registry.domain.RegistryException;
import io.aegis.registry.security.AccessPolicy;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.NotAcceptableException;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.security.authentication.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into Confluent's error body {@code {"error_code": …, "message": …}} with
 * the matching HTTP status, so clients written for Confluent report the right error. Only a
 * genuinely unexpected failure is a 500, and it is logged. A request without accepted credentials
 * is a 401 with error_code 401 and a Basic challenge (as Confluent's basic authentication answers);
 * a user refused a write is a 403 with error_code 40301 naming the rule (as Confluent's authorizer).
 */
@Controller
class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    /** The challenge of a 401: HTTP Basic, in this registry's realm. */
    static final String CHALLENGE = "Basic realm=\"aegis-registry\"";
    /** Confluent's error_code of a request refused to an authenticated user. */
    static final int FORBIDDEN = 40301;

    @Error(global = true)
    MutableHttpResponse<ErrorResponse> registry(HttpRequest<?> request, RegistryException e) {
        if (e.httpStatus() >= 500) {
            LOG.warn("{} {} failed: {}", request.getMethod(), request.getPath(), e.getMessage(), e.getCause());
        }
        return body(e.httpStatus(), e.errorCode(), e.getMessage());
    }

    @Error(global = true)
    MutableHttpResponse<ErrorResponse> authorization(HttpRequest<?> request, AuthorizationException e) {
        if (!e.isForbidden()) {
            return body(401, 401, "Unauthorized: this registry needs the HTTP Basic credentials of one of its users;"
                    + " none were sent or they were refused")
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        String denial = request.getAttribute(AccessPolicy.DENIAL_ATTRIBUTE, String.class)
                .orElse("User '" + e.getAuthentication().getName() + "' is denied operation " + request.getMethod()
                        + " " + request.getPath());
        return body(403, FORBIDDEN, denial);
    }

    @Error(global = true)
    MutableHttpResponse<ErrorResponse> conversion(ConversionErrorException e) {
        return body(400, 400, "Invalid value for '" + e.getArgument().getName() + "': " + e.getMessage());
    }

    @Error(global = true)
    MutableHttpResponse<ErrorResponse> mediaType(UnsupportedMediaException e) {
        return body(415, 415, e.getMessage());
    }

    @Error(global = true)
    MutableHttpResponse<ErrorResponse> notAcceptable(NotAcceptableException e) {
        return body(406, 406, e.getMessage());
    }

    @Error(global = true)
    MutableHttpResponse<ErrorResponse> notAllowed(NotAllowedException e) {
        return body(405, 405, e.getMessage());
    }

    @Error(global = true)
    MutableHttpResponse<ErrorResponse> status(HttpStatusException e) {
        return body(e.getStatus().getCode(), e.getStatus().getCode(), e.getMessage());
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    MutableHttpResponse<ErrorResponse> notFound(HttpRequest<?> request) {
        return body(404, 404, "HTTP 404 Not Found: " + request.getMethod() + " " + request.getPath());
    }

    @Error(global = true)
    MutableHttpResponse<ErrorResponse> unexpected(HttpRequest<?> request, Throwable e) {
        LOG.error("{} {} failed unexpectedly", request.getMethod(), request.getPath(), e);
        return body(500, 500, "Internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static MutableHttpResponse<ErrorResponse> body(int status, int code, String message) {
        return HttpResponse.<ErrorResponse>status(HttpStatus.valueOf(status))
                .contentType(MediaTypes.V1_JSON)
                .body(new ErrorResponse(code, message));
    }
}
