package io.aegis.node.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Renders the framework's own errors (413 too large, 415 wrong content type, 404 unknown path,
 * 405, 400 unreadable parameters) in the API's error shape, naming the parameter where known.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<Object> {

    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        String error = switch (response.code()) {
            case 413 -> "request body too large";
            case 415 -> "unsupported content type " + context.getRequest().getContentType().map(MediaType::toString).orElse("(none)");
            case 404 -> "not found";
            case 405 -> "method not allowed";
            default -> context.getErrors().isEmpty() ? response.reason() : context.getErrors().get(0).getMessage();
        };
        List<ApiError.Item> violations = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new ApiError.Item(e.getPath().get(), e.getMessage()))
                .toList();
        if (context.getRequest().getPath().startsWith("/taxii2")) {
            // the framework answers some requests before any filter ran (no route matched its content type): TAXII's shape there too
            return response.contentType(io.aegis.node.taxii.TaxiiMedia.TAXII)
                    .body((Object) io.aegis.node.taxii.TaxiiFilter.resource(response.code(), error, violations));
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body((Object) new ApiError(error, violations));
    }
}
