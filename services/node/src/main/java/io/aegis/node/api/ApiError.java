package io.aegis.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aegis.node.domain.Violation;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The one error shape of the node API: {@code {"error": "...", "violations": [{"field", "message"}]}}.
 *
 * @param error      what went wrong, in words
 * @param violations the broken field rules (empty when the error is not about fields)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // the shape is fixed: "violations": [] rather than no key, "field": "" kept
public record ApiError(String error, List<Item> violations) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(String field, String message) {
    }

    public static ApiError of(String error) {
        return new ApiError(error, List.of());
    }

    public static ApiError of(String error, List<Violation> violations) {
        return new ApiError(error, violations.stream().map(v -> new Item(v.field(), v.message())).toList());
    }
}
