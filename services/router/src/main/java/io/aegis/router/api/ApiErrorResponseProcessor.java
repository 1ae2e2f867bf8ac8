package io.aegis.router.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/** Renders the framework's own errors (404 unknown path, 405, 400 unreadable parameters) in the API's error shape. */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        String error = switch (response.code()) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            default -> context.getErrors().isEmpty() ? response.reason() : context.getErrors().get(0).getMessage();
        };
        List<ApiError.Item> violations = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new ApiError.Item(e.getPath().get(), e.getMessage()))
                .toList();
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(new ApiError(error, violations));
    }
}
