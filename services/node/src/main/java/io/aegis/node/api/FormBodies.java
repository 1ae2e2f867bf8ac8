package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.domain.MalformedBodyException;
import io.aegis.node.domain.Utf8;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@code application/x-www-form-urlencoded} body into the JSON object the body readers
 * take, so a form and a JSON body meet the same field rules. Bytes that are not UTF-8 or a broken
 * percent-escape are malformed (400); a field given twice is a violation naming it (422).
 */
final class FormBodies {

    private FormBodies() {
    }

    static JsonNode parse(byte[] body) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        String text = body == null ? "" : Utf8.decode(body);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (json.has(name)) {
                throw new InvalidRequestException(name, "must be given once");
            }
            json.put(name, value);
        }
        return json;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedBodyException("malformed form body: " + e.getMessage());
        }
    }
}
