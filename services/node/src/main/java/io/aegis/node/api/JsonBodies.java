package io.aegis.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.aegis.node.domain.MalformedBodyException;

import java.io.IOException;

/** Strict JSON reading of request bodies: duplicate keys and trailing content are malformed (400). */
final class JsonBodies {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodies() {
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = STRICT.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBodyException("unreadable request body: " + e.getMessage());
        }
    }

    static JsonNode require(byte[] body) {
        JsonNode node = parse(body);
        if (node.isMissingNode()) {
            throw new MalformedBodyException("malformed JSON: the request body is empty");
        }
        return node;
    }
}
