package io.aegis.kafka.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.avro.Schema;

/** Bodies of the Confluent Schema Registry REST API: requests, answers and {@code {"error_code","message"}} errors. */
final class ConfluentJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfluentJson() {
    }

    /** {@code {"schema": "<schema JSON as a string>"}}. */
    static String schemaBody(Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode schema " + schema.getFullName() + " as JSON", e);
        }
    }

    static JsonNode parse(String registry, String operation, String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw SchemaRegistryException.unreachable(registry, operation, "answer is not JSON: " + abbreviate(body), e);
        }
    }

    static int requireId(String registry, String operation, JsonNode answer) {
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw SchemaRegistryException.unreachable(registry, operation,
                    "answer has no integer \"id\": " + abbreviate(String.valueOf(answer)), null);
        }
        return id.asInt();
    }

    /** The exception for a non-2xx answer, with error_code and message when the body has them. */
    static SchemaRegistryException errorFrom(String registry, String operation, int status, String body) {
        int errorCode = 0;
        String message = abbreviate(body);
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.isObject()) {
                errorCode = error.path("error_code").asInt(0);
                message = error.path("message").asText(message);
            }
        } catch (JsonProcessingException notJson) {
            message = "unparseable error body: " + abbreviate(body);
        }
        return new SchemaRegistryException(registry, operation, status, errorCode, message, null);
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? String.valueOf(text) : text.substring(0, 200) + "…";
    }
}
