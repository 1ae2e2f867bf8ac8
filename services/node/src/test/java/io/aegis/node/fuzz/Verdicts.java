package io.aegis.node.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Judges one answer to a {@link FuzzRequest}: never 5xx (but a health probe's 503 DOWN); a status the request allows (4xx for an
 * invalid one); and every 4xx in the node's error shape {@code {"error": "...", "violations": [{"field",
 * "message"}]}}, nothing else in it. Empty when the answer is right, else what is wrong with it.
 */
public final class Verdicts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("error", "violations");

    private Verdicts() {
    }

    public static Optional<String> judge(FuzzRequest request, Sender.Reply reply) {
        int status = reply.status();
        if (status == 503 && healthProbe(request) && request.allows(200)) {
            return healthDown(reply);
        }
        if (status >= 500) {
            return Optional.of("server error " + status);
        }
        if (!request.allows(status)) {
            return Optional.of("status " + status + " where " + (request.exact().isEmpty() ? "a 4xx" : request.exact())
                    + " was due");
        }
        boolean head = request.method().equals("HEAD");
        if (status >= 400 && !head) {
            return errorShape(reply);
        }
        if (request.expectedBody() != null && !head && !Arrays.equals(request.expectedBody(), reply.body())) {
            return Optional.of("a static file answered with other bytes than the file's");
        }
        return Optional.empty();
    }

    /** A valid request to the health endpoint: its answer reports the node's health, 200 UP or 503 DOWN. */
    static boolean healthProbe(FuzzRequest request) {
        String path = request.target().split("\\?", 2)[0];
        return path.equals("/health") || path.startsWith("/health/");
    }

    /**
     * A node momentarily DOWN under the fuzzer's load (a dependency's check timed out) answers a probe with
     * 503 and {@code {"status":"DOWN"}}: the health contract, not a server error. Anything else is wrong.
     */
    static Optional<String> healthDown(Sender.Reply reply) {
        try {
            JsonNode health = JSON.readTree(reply.body());
            return health != null && "DOWN".equals(health.path("status").asText()) ? Optional.empty()
                    : Optional.of("health answer 503 without status DOWN");
        } catch (IOException e) {
            return Optional.of("health answer 503 that is not JSON: " + e.getMessage());
        }
    }

    static Optional<String> errorShape(Sender.Reply reply) {
        if (!reply.contentType().startsWith("application/json")) {
            return Optional.of("error answer of type '" + reply.contentType() + "', not application/json");
        }
        JsonNode error;
        try {
            error = JSON.readTree(reply.body());
        } catch (IOException e) {
            return Optional.of("error answer is not JSON: " + e.getMessage());
        }
        if (error == null || !error.isObject() || !error.path("error").isTextual() || error.get("error").asText().isBlank()) {
            return Optional.of("error answer without a textual \"error\"");
        }
        for (Iterator<String> names = error.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                return Optional.of("error answer with an unexpected key " + name);
            }
        }
        JsonNode violations = error.get("violations");
        if (violations == null || !violations.isArray()) {
            return Optional.of("error answer without a \"violations\" array");
        }
        for (JsonNode violation : violations) {
            if (!violation.path("field").isTextual() || !violation.path("message").isTextual()) {
                return Optional.of("violation without textual field and message: " + violation);
            }
        }
        return Optional.empty();
    }
}
