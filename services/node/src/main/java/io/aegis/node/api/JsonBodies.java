package io.aegis.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.aegis.node.domain.MalformedBodyException;
import io.aegis.node.domain.Utf8;


/**
 * Strict JSON reading of request bodies: bytes that are not UTF-8, duplicate keys and trailing content
 * are malformed (400).
 */
public final class JsonBodies {

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
        String text = Utf8.decode(body);
        try {
            // a leading byte-order mark is tolerated (RFC 8259 8.1), as Jackson did when it read the bytes itself
            JsonNode node = STRICT.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    public static JsonNode require(byte[] body) {
        JsonNode node = parse(body);
        if (node.isMissingNode()) {
            throw new MalformedBodyException("malformed JSON: the request body is empty");
        }
        return node;
    }
}
