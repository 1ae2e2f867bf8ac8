package io.aegis.router.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The one error shape of the router API, the same as the node's:
 * {@code {"error": "...", "violations": [{"field", "message"}]}}.
 *
 * @param error      what went wrong, in words
 * @param violations the broken field rules (empty when the error is not about fields)
 */
@Serdeable
public record ApiError(String error, List<Item> violations) {

    @Serdeable
    public record Item(String field, String message) {
    }

    public static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}
