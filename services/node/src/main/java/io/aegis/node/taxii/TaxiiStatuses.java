package io.aegis.node.taxii;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.node.api.StixIntake;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * TAXII status resources of the objects POSTed to a collection: built once every write of the
 * request was answered (so {@code status: complete} means Kafka acknowledged every success), and kept
 * in memory for a day so a client can read them again; a status is shown only to the user who
 * posted it. Invariant: each object of the envelope is listed exactly once, as a success (it went into
 * a published signal, or is context the envelope carried: a marking or extension definition, an
 * identity) or as a failure with the property and rule (or why nothing imported it).
 */
@Singleton
public class TaxiiStatuses {

    private final Cache<String, Stored> statuses = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(24)).build();

    private record Stored(String user, Map<String, Object> resource) {
    }

    public Optional<Map<String, Object>> find(String id, String user) {
        return Optional.ofNullable(statuses.getIfPresent(id)).filter(s -> s.user().equals(user)).map(Stored::resource);
    }

    /** The status of one request: every object of the envelope (by id, in order) and what became of it. */
    public Map<String, Object> record(String user, Instant requested, JsonNode document, StixIntake.Result result) {
        Map<String, String> failed = new LinkedHashMap<>();
        result.mapping().failures().forEach(f -> failed.putIfAbsent(f.objectId(), f.property() + ": " + f.message()));
        Set<String> published = new LinkedHashSet<>();
        result.outcomes().stream().filter(StixIntake.Outcome::published).forEach(o -> published.addAll(o.source().usedIds()));
        for (StixIntake.Outcome o : result.outcomes()) {
            if (!o.published()) {
                o.source().usedIds().stream().filter(id -> !published.contains(id)).forEach(id -> failed.putIfAbsent(id, why(o)));
            }
        }
        StixIntake.ignored(document, result).forEach(i -> failed.putIfAbsent(i.objectId(), i.message()));
        List<Map<String, Object>> successes = new ArrayList<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        JsonNode objects = document.path("objects");
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            String at = "objects[" + i + "]";
            String id = o.path("id").isTextual() ? o.path("id").asText() : at;
            // a failure names the object by id, or by position when it could not be read far enough
            String message = failed.containsKey(id) ? failed.get(id) : failed.get(at);
            boolean success = message == null && (published.contains(id) || StixIntake.CONTEXT_TYPES.contains(o.path("type").asText()));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("id", id);
            detail.put("version", o.path("modified").asText(o.path("created").asText(null)));
            if (success) {
                successes.add(detail);
            } else {
                detail.put("message", message == null ? "not imported" : message);
                failures.add(detail);
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", UUID.randomUUID().toString());
        status.put("status", "complete");
        status.put("request_timestamp", TaxiiMedia.timestamp(requested));
        status.put("total_count", objects.size());
        status.put("success_count", successes.size());
        status.put("successes", successes);
        status.put("failure_count", failures.size());
        status.put("failures", failures);
        status.put("pending_count", 0);
        status.put("pendings", List.of());
        statuses.put((String) status.get("id"), new Stored(user, status));
        return status;
    }

    private static String why(StixIntake.Outcome o) {
        return o.outage() != null ? "not published, retry later: " + o.outage().getMessage()
                : o.violations().stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid");
    }
}
