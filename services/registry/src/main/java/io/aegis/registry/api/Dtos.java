package io.aegis.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Request and response bodies of the Confluent Schema Registry REST API. */
final class Dtos {

    private Dtos() {
    }

    /** A schema reference; accepted in the shape Confluent clients send, refused when present. */
    @Serdeable
    record SchemaReference(@Nullable String name, @Nullable String subject, @Nullable Integer version) {
    }

    /** Body of register, lookup and compatibility requests. Unknown fields are ignored. */
    @Serdeable
    record SchemaRequest(@Nullable String schema, @Nullable String schemaType,
                         @Nullable List<SchemaReference> references) {
    }

    @Serdeable
    record RegisterResponse(int id) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SchemaByIdResponse(String schema) {
    }

    @Serdeable
    record SubjectVersionResponse(String subject, int version, int id, String schema) {
    }

    @Serdeable
    record ConfigResponse(String compatibilityLevel) {
    }

    /** Body of {@code PUT /config}; Confluent names the field {@code compatibility}. */
    @Serdeable
    record ConfigUpdate(@Nullable String compatibility) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompatibilityResponse(@JsonProperty("is_compatible") boolean compatible,
                                 @Nullable List<String> messages) {
    }

    @Serdeable
    record ErrorResponse(@JsonProperty("error_code") int errorCode, String message) {
    }
}
