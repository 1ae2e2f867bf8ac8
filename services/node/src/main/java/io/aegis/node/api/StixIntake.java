package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.node.config.NodeConfig;
import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.domain.SignalParser;
import io.aegis.node.domain.Violation;
import io.aegis.node.messaging.SignalPublisher;
import io.aegis.schema.signal.SignalContent;
import io.aegis.stix.StixImport;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes the signals read from a STIX document (a bundle, or a TAXII envelope): each signal the
 * mapping produced is checked by the same field rules as {@code POST /api/v1/signals} and, if valid,
 * signed and produced like one. Invariants: a signal is published whole or not at all (a report with
 * one bad indicator is refused, naming it, rather than published without it); an outcome is
 * {@code published} only after Kafka acknowledged; every violation names the STIX object and
 * property it came from.
 */
@Singleton
public class StixIntake {

    private final SignalParser parser;
    private final SignalPublisher publisher;
    private final MeterRegistry meters;

    public StixIntake(NodeConfig config, SignalPublisher publisher, MeterRegistry meters) {
        this.parser = new SignalParser(Clock.systemUTC(), config.maxClockSkew());
        this.publisher = publisher;
        this.meters = meters;
    }

    /**
     * What became of one signal of the document: the STIX objects it was made from, and either the
     * outbox coordinates once Kafka acknowledged ({@code accepted}), its violations, or the outage
     * that kept it out ({@code outage}).
     */
    public record Outcome(StixImport.Imported source, SignalPublisher.Accepted accepted, List<Violation> violations,
                          Throwable outage) {

        public boolean published() {
            return accepted != null;
        }
    }

    /** The mapping's result and what became of each signal it produced, once every write was answered. */
    public record Result(StixImport.Result mapping, List<Outcome> outcomes) {
    }

    public CompletableFuture<Result> publish(JsonNode document) {
        StixImport.Result mapping = StixImport.read(document);
        Map<String, List<Violation>> failed = new java.util.HashMap<>();
        mapping.failures().forEach(f -> failed.computeIfAbsent(f.objectId(), id -> new ArrayList<>())
                .add(new Violation(f.objectId() + "." + f.property(), f.message())));
        Map<String, JsonNode> containers = containers(document, mapping);
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (StixImport.Imported signal : mapping.signals()) {
            List<Violation> brokenParts = brokenParts(containers.get(signal.objectId()), failed);
            outcomes.add(brokenParts.isEmpty() ? publish(signal)
                    : CompletableFuture.completedFuture(new Outcome(signal, null, brokenParts, null)));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Result(mapping, outcomes.stream().map(CompletableFuture::join).toList()));
    }

    /** The objects the signals were made from, by id, found in one pass over the document. */
    private static Map<String, JsonNode> containers(JsonNode document, StixImport.Result mapping) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        mapping.signals().forEach(signal -> ids.add(signal.objectId()));
        Map<String, JsonNode> containers = new java.util.HashMap<>();
        for (JsonNode object : document.path("objects")) {
            if (ids.contains(object.path("id").asText())) {
                containers.put(object.path("id").asText(), object);
            }
        }
        return containers;
    }

    /**
     * The failures of the objects a report or grouping refers to: such a signal is refused whole, naming
     * them, rather than published without the part that could not be read.
     */
    private static List<Violation> brokenParts(JsonNode container, Map<String, List<Violation>> failed) {
        java.util.Set<String> refs = new java.util.LinkedHashSet<>();
        if (container != null) {
            container.path("object_refs").forEach(ref -> refs.add(ref.asText()));
        }
        List<Violation> broken = new ArrayList<>();
        refs.forEach(ref -> broken.addAll(failed.getOrDefault(ref, List.of())));
        return broken;
    }

    private CompletableFuture<Outcome> publish(StixImport.Imported signal) {
        SignalContent content;
        try {
            content = parser.parse(signal.body(), "");
        } catch (InvalidRequestException e) {
            meters.counter("aegis.node.signals.rejected", "reason", "validation").increment();
            return CompletableFuture.completedFuture(new Outcome(signal, null, located(signal, e.violations()), null));
        }
        return publisher.publish(content).handle((accepted, error) -> {
            if (error != null) {
                return new Outcome(signal, null, List.of(), SignalIntake.unavailable(error, meters));
            }
            meters.counter("aegis.node.signals.accepted").increment();
            return new Outcome(signal, accepted, List.of(), null);
        });
    }

    /**
     * The violations of a signal body renamed after the STIX object and property each field came
     * from: {@code indicators[1].value} becomes {@code indicator--….pattern}.
     */
    static List<Violation> located(StixImport.Imported signal, List<Violation> violations) {
        List<Violation> named = new ArrayList<>();
        for (Violation v : violations) {
            StixImport.Origin origin = originOf(signal.origins(), v.field());
            String field = origin == null ? signal.objectId() + " (" + v.field() + ")" : origin.objectId() + "." + origin.property();
            named.add(new Violation(field, v.message() + (origin == null ? "" : " (signal field " + v.field() + ")")));
        }
        return named;
    }

    /** The origin of the longest recorded prefix of a field path: {@code indicators[1].value} → {@code indicators[1]}. */
    private static StixImport.Origin originOf(Map<String, StixImport.Origin> origins, String field) {
        String path = field;
        while (!path.isEmpty()) {
            StixImport.Origin origin = origins.get(path);
            if (origin != null) {
                return origin;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut <= 0 ? "" : path.substring(0, cut);
        }
        return null;
    }

    /** Object types a document carries as context for others, not as something Aegis imports on its own. */
    public static final java.util.Set<String> CONTEXT_TYPES = java.util.Set.of("marking-definition", "extension-definition", "identity");

    /** An object of the document that went into no signal and failed nothing: Aegis has no field for it. */
    public record Ignored(String objectId, String type) {

        public String message() {
            return "not imported: no signal uses this " + type + " and Aegis has no field for it";
        }
    }

    /**
     * The objects of {@code document} that no signal used and no failure named, except context
     * (markings, extension definitions, identities): a client must learn they were not imported.
     */
    public static List<Ignored> ignored(JsonNode document, Result result) {
        java.util.Set<String> accounted = new java.util.HashSet<>();
        result.mapping().failures().forEach(f -> accounted.add(f.objectId()));
        result.mapping().signals().forEach(signal -> accounted.addAll(signal.usedIds()));
        List<Ignored> ignored = new ArrayList<>();
        for (JsonNode object : document.path("objects")) {
            String id = object.path("id").asText("");
            String type = object.path("type").asText("");
            if (!id.isEmpty() && !accounted.contains(id) && !CONTEXT_TYPES.contains(type)) {
                ignored.add(new Ignored(id, type));
            }
        }
        return ignored;
    }

    /** The result as the node API's answer body: one result per STIX object that made (or failed to make) a signal. */
    static Map<String, Object> body(JsonNode document, Result result) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (StixImport.Failure f : result.mapping().failures()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", f.objectId());
            item.put("status", 422);
            item.put("error", "STIX object could not be mapped");
            item.put("violations", List.of(new ApiError.Item(f.objectId() + "." + f.property(), f.message())));
            items.add(item);
        }
        for (Outcome o : result.outcomes()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", o.source().objectId());
            if (o.published()) {
                item.put("status", 202);
                item.putAll(SignalIntake.accepted(o.accepted()));
            } else if (o.outage() != null) {
                item.put("status", 503);
                item.put("error", o.outage().getMessage());
            } else {
                item.put("status", 422);
                item.put("error", "validation failed");
                item.put("violations", ApiError.of("", o.violations()).violations());
            }
            items.add(item);
        }
        long accepted = result.outcomes().stream().filter(Outcome::published).count();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", accepted);
        body.put("rejected", items.size() - accepted);
        body.put("results", items);
        body.put("ignored", ignored(document, result).stream()
                .map(i -> Map.of("object", i.objectId(), "type", i.type(), "reason", i.message())).toList());
        return body;
    }
}
