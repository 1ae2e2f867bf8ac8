package io.aegis.node.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges one answer to a {@link FuzzRequest}: never 5xx (but a health probe's 503 DOWN); a status the request allows (4xx for an
 * invalid one); and every 4xx in the node's error shape {@code {"error": "...", "violations": [{"field",
 * "message"}]}}, nothing else in it. Under {@code /taxii2} every 4xx is instead the TAXII 2.1 error message
 * resource (TAXII 2.1 3.6.1) in the TAXII media type, every 2xx is in that media type, and a 202 to a POST
 * (every one the fuzzer sends is invalid) is a status that counts no success. Empty when the answer is right,
 * else what is wrong with it.
 */
public final class Verdicts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("error", "violations");
    static final String TAXII = "application/taxii+json;version=2.1";
    static final String STIX_IMPORT = "/api/v1/stix/bundles";
    private static final Set<String> TAXII_KEYS = Set.of("title", "description", "error_id", "error_code", "http_status",
            "external_details", "details");

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
        boolean taxii = TaxiiRules.taxii(request.target().split("\\?", 2)[0]);
        if (status >= 400 && !head) {
            if (status == 422 && request.method().equals("POST") && request.target().split("\\?", 2)[0].equals(STIX_IMPORT)) {
                return errorShape(reply).isEmpty() ? Optional.empty() : importRefused(reply);
            }
            if (taxii && wire(request)) {
                // bytes that never became an HTTP request (the framework refuses them before any route or filter):
                // nothing can tell them for TAXII, so either error shape will do, but one of them
                return taxiiError(reply).isEmpty() ? Optional.empty() : errorShape(reply).map(e -> e + " (nor a TAXII error)");
            }
            return taxii ? taxiiError(reply) : errorShape(reply);
        }
        if (taxii && status >= 200 && status < 300 && !head && !taxiiType(reply.contentType())) {
            return Optional.of("TAXII answer of type '" + reply.contentType() + "', not " + TAXII);
        }
        if (taxii && status == 202 && request.method().equals("POST")) {
            return noSuccess(reply);
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

    /** Whether a request carries a defect on the wire (see {@link RawRequests}): malformed bytes, not a malformed value. */
    static boolean wire(FuzzRequest request) {
        return request.transport() == FuzzRequest.Transport.RAW && List.of(request.category().split("\\+")).contains("raw");
    }

    /**
     * The bundle import's refusal of a document none of whose objects made a signal: {@code {"accepted": 0,
     * "rejected": n, "results": [...]}}, every result naming its STIX object and a refusal (a status of 400 or
     * more and an error, with violations in the node's shape), none a success.
     */
    static Optional<String> importRefused(Sender.Reply reply) {
        JsonNode answer;
        try {
            answer = JSON.readTree(reply.body());
        } catch (IOException e) {
            return Optional.of("import answer is not JSON: " + e.getMessage());
        }
        // accepted, rejected, results, and ignored: the objects no signal used (listed, never silently dropped)
        if (answer == null || !answer.isObject() || answer.size() != 4 || !answer.path("results").isArray()
                || !answer.path("ignored").isArray()
                || answer.path("accepted").asInt(-1) != 0 || !answer.path("accepted").isIntegralNumber()
                || answer.path("rejected").asInt(-1) != answer.get("results").size() || answer.get("results").isEmpty()) {
            return Optional.of("422 neither in the error shape nor an import answer with no signal accepted and every result listed");
        }
        for (JsonNode result : answer.get("results")) {
            if (!result.path("object").isTextual() || result.path("status").asInt(0) < 400 || !result.path("error").isTextual()
                    || result.get("error").asText().isBlank()) {
                return Optional.of("import result that is no refusal: " + result);
            }
            for (JsonNode violation : result.path("violations")) {
                if (!violation.path("field").isTextual() || !violation.path("message").isTextual()) {
                    return Optional.of("import violation without textual field and message: " + violation);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code application/taxii+json;version=2.1} (any case and spacing, a charset aside). */
    static boolean taxiiType(String contentType) {
        List<String> parts = Arrays.stream(contentType.toLowerCase(java.util.Locale.ROOT).split(";")).map(String::trim)
                .filter(p -> !p.startsWith("charset=")).toList();
        return parts.equals(List.of("application/taxii+json", "version=2.1"));
    }

    /** The TAXII error message resource: a textual title, the status as a string, and no other keys than TAXII defines. */
    static Optional<String> taxiiError(Sender.Reply reply) {
        if (!taxiiType(reply.contentType())) {
            return Optional.of("TAXII error answer of type '" + reply.contentType() + "', not " + TAXII);
        }
        JsonNode error;
        try {
            error = JSON.readTree(reply.body());
        } catch (IOException e) {
            return Optional.of("TAXII error answer is not JSON: " + e.getMessage());
        }
        if (error == null || !error.isObject() || !error.path("title").isTextual() || error.get("title").asText().isBlank()) {
            return Optional.of("TAXII error answer without a textual \"title\"");
        }
        if (!error.path("http_status").isTextual() || !error.get("http_status").asText().equals(String.valueOf(reply.status()))) {
            return Optional.of("TAXII error answer whose http_status is not \"" + reply.status() + "\": " + error.get("http_status"));
        }
        for (Iterator<String> names = error.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TAXII_KEYS.contains(name)) {
                return Optional.of("TAXII error answer with an unexpected key " + name);
            }
        }
        return Optional.empty();
    }

    /** A TAXII status resource in which no object succeeded or is pending: every object is listed as a failure. */
    static Optional<String> noSuccess(Sender.Reply reply) {
        JsonNode status;
        try {
            status = JSON.readTree(reply.body());
        } catch (IOException e) {
            return Optional.of("TAXII status is not JSON: " + e.getMessage());
        }
        if (status == null || !status.path("id").isTextual() || !status.path("total_count").isInt()) {
            return Optional.of("202 without a TAXII status resource");
        }
        if (status.path("success_count").asInt(-1) != 0 || status.path("pending_count").asInt(-1) != 0
                || status.path("failure_count").asInt(-1) != status.get("total_count").asInt()
                || status.path("failures").size() != status.get("total_count").asInt()) {
            return Optional.of("TAXII status of an invalid envelope that does not list every object as a failure");
        }
        return Optional.empty();
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
