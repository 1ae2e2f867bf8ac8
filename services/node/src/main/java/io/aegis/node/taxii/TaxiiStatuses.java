package io.aegis.node.taxii;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
    public Map<String, Object> record(String user, Instant requested, com.fasterxml.jackson.databind.JsonNode document,
                                      StixIntake.Result result) {
        List<ObjectRef> envelope = refs(document);
        Map<String, String> failed = new LinkedHashMap<>();
        StixIntake.ignored(document, result).forEach(i -> failed.put(i.objectId(), i.message()));
        result.mapping().failures().forEach(f -> failed.putIfAbsent(f.objectId(), f.property() + ": " + f.message()));
        Set<String> published = new LinkedHashSet<>();
        for (StixIntake.Outcome o : result.outcomes()) {
            if (o.published()) {
                published.addAll(o.source().usedIds());
            }
        }
        for (StixIntake.Outcome o : result.outcomes()) {
            if (!o.published()) {
                String why = o.outage() != null ? "not published, retry later: " + o.outage().getMessage()
                        : o.violations().stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid");
                o.source().usedIds().stream().filter(id -> !published.contains(id)).forEach(id -> failed.putIfAbsent(id, why));
            }
        }
        List<Map<String, Object>> successes = new ArrayList<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (ObjectRef ref : envelope) {
            String message = published.contains(ref.id()) ? null : failed.get(ref.id());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("id", ref.id());
            detail.put("version", ref.version());
            if (message == null) {
                successes.add(detail);
            } else {
                detail.put("message", message);
                failures.add(detail);
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", UUID.randomUUID().toString());
        status.put("status", "complete");
        status.put("request_timestamp", TaxiiMedia.timestamp(requested));
        status.put("total_count", envelope.size());
        status.put("success_count", successes.size());
        status.put("successes", successes);
        status.put("failure_count", failures.size());
        status.put("failures", failures);
        status.put("pending_count", 0);
        status.put("pendings", List.of());
        statuses.put((String) status.get("id"), new Stored(user, status));
        return status;
    }

    /** An object of the posted envelope: its id (or {@code objects[i]} without one) and version. */
    public record ObjectRef(String id, String version) {
    }

    private static List<ObjectRef> refs(com.fasterxml.jackson.databind.JsonNode envelope) {
        List<ObjectRef> refs = new ArrayList<>();
        var objects = envelope.path("objects");
        for (int i = 0; i < objects.size(); i++) {
            var o = objects.get(i);
            String id = o.path("id").isTextual() ? o.path("id").asText() : "objects[" + i + "]";
            String version = o.path("modified").asText(o.path("created").asText(null));
            refs.add(new ObjectRef(id, version));
        }
        return refs;
    }
}
