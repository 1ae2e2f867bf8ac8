package io.aegis.registry.api;

import io.aegis.registry.api.Dtos.ConfigUpdate;
import io.aegis.registry.api.Dtos.SchemaRequest;
import io.aegis.registry.domain.RegistryException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies as Confluent does, whatever the declared content type (the vnd types,
 * application/json or application/octet-stream): a body that is not the expected JSON object
 * is a 400 with error code 400 naming the problem, never a 500.
 */
@Singleton
final class RequestBodies {

    private final JsonMapper json;

    RequestBodies(JsonMapper json) {
        this.json = json;
    }

    SchemaRequest schemaRequest(byte[] body) {
        SchemaRequest request = read(body, SchemaRequest.class);
        if (request.references() != null && !request.references().isEmpty()) {
            throw RegistryException.invalidSchema("Invalid schema: field 'references' is not supported by this registry;"
                    + " inline the referenced types instead");
        }
        return request;
    }

    ConfigUpdate configUpdate(byte[] body) {
        return read(body, ConfigUpdate.class);
    }

    private <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw malformed("request body is empty; expected a JSON object");
        }
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw malformed("request body is null; expected a JSON object");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof RegistryException registryException) {
                throw registryException;
            }
            throw malformed("request body is not valid JSON for " + type.getSimpleName() + ": " + e.getMessage()
                    + " (body: " + preview(body) + ")");
        }
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    private static RegistryException malformed(String message) {
        return new RegistryException(400, 400, message);
    }
}
