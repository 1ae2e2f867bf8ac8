package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.node.config.NodeConfig;
import io.aegis.node.domain.IdempotencyCache;
import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.domain.SignalParser;
import io.aegis.node.domain.Violation;
import io.aegis.node.messaging.KafkaUnavailableException;
import io.aegis.node.messaging.RegistryUnavailableException;
import io.aegis.node.messaging.SignalPublisher;
import io.aegis.schema.signal.SignalContent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Accepts submitted signals: validates, publishes and answers, single or in batches, with
 * Idempotency-Key replay. Invariants: nothing is produced for an invalid signal; an answer of
 * 202 (or an item status of 202) is given only after Kafka acknowledged; a batch of which no item
 * was written because Kafka or the registry was unavailable is a plain 503 (nothing claimed), one of
 * which every item is invalid a plain 422 naming every item's violations;
 * no answer shaped by such an outage (503, or 207 with 503 items) is remembered under its
 * Idempotency-Key, so a retry publishes; counted in metrics.
 */
@Singleton
public class SignalIntake {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private final SignalParser parser;
    private final SignalPublisher publisher;
    private final IdempotencyCache<Answer> idempotency;
    private final MeterRegistry meters;
    private final int maxBatch;

    public SignalIntake(NodeConfig config, SignalPublisher publisher, MeterRegistry meters) {
        this.parser = new SignalParser(Clock.systemUTC(), config.maxClockSkew());
        this.publisher = publisher;
        this.idempotency = new IdempotencyCache<>(config.idempotencyKeys(), config.idempotencyTtl(), Clock.systemUTC());
        this.meters = meters;
        this.maxBatch = config.maxBatch();
    }

    /** Runs {@code action} once per (user, key); without a key, every time. */
    CompletableFuture<Answer> once(String user, String key, String route, byte[] body, Supplier<CompletableFuture<Answer>> action) {
        if (key == null) {
            return action.get();
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new InvalidRequestException("Idempotency-Key", "must be 1..200 printable ASCII characters");
        }
        return idempotency.answer(user + "\n" + key, fingerprint(route, body), action, Answer::replayable);
    }

    CompletableFuture<Answer> single(JsonNode json) {
        SignalContent content;
        try {
            content = parser.parse(json, "");
        } catch (InvalidRequestException e) {
            rejected();
            throw e;
        }
        return publisher.publish(content).handle((accepted, error) -> {
            if (error != null) {
                unavailable(error);
                throw error instanceof CompletionException c ? c : new CompletionException(error);
            }
            meters.counter("aegis.node.signals.accepted").increment();
            return new Answer(202, accepted(accepted));
        });
    }

    CompletableFuture<Answer> batch(JsonNode json) {
        JsonNode signals = json.isObject() ? json.get("signals") : null;
        if (!json.isObject() || signals == null || !signals.isArray()) {
            throw new InvalidRequestException("signals", "is required: an array of signals");
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!"signals".equals(name)) {
                throw new InvalidRequestException(name, "unknown field");
            }
        });
        if (signals.isEmpty() || signals.size() > maxBatch) {
            throw new InvalidRequestException("signals", "must hold 1.." + maxBatch + " signals");
        }
        List<CompletableFuture<Item>> items = new ArrayList<>(signals.size());
        Throwable outage = null;
        for (int i = 0; i < signals.size(); i++) {
            CompletableFuture<Item> item = item(i, signals.get(i), outage);
            items.add(item);
            if (outage == null && item.isDone() && item.join().outage() != null) {
                // A send that failed at once (no metadata: it blocked for the whole produce timeout)
                // fails the same way for every later item; do not make the caller wait for each.
                outage = item.join().outage();
            }
        }
        return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Item> results = items.stream().map(CompletableFuture::join).toList();
            long accepted = results.stream().filter(r -> r.status() == 202).count();
            List<Throwable> outages = results.stream().map(Item::outage).filter(Objects::nonNull).toList();
            if (accepted == 0 && !outages.isEmpty()) {
                // Nothing was written, and not for the request's fault: the contract's 503, nothing claimed.
                throw new CompletionException(outages.get(0));
            }
            if (accepted == 0) {
                // Every item broke a rule: the request as a whole is invalid, a 422 naming every item's violations.
                throw new CompletionException(new InvalidRequestException("no signal of the batch is valid",
                        results.stream().flatMap(r -> r.violations().stream()).toList()));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("accepted", accepted);
            body.put("rejected", results.size() - accepted);
            body.put("results", results.stream().map(Item::json).toList());
            // A partial answer caused by an outage is not remembered: it says nothing lasting about the request.
            return new Answer(accepted == results.size() ? 202 : 207, body, outages.isEmpty());
        });
    }

    /**
     * One batch item's result; {@code outage} is why Kafka or the registry could not take it, else null;
     * {@code violations} the rules it broke (for a 422).
     */
    private record Item(int status, Map<String, Object> json, Throwable outage, List<Violation> violations) {

        Item(int status, Map<String, Object> json, Throwable outage) {
            this(status, json, outage, List.of());
        }
    }

    /** Parses and, unless an outage was already seen in this batch, publishes one item. */
    private CompletableFuture<Item> item(int index, JsonNode json, Throwable knownOutage) {
        String at = "signals[" + index + "]";
        try {
            SignalContent content = parser.parse(json, at);
            CompletableFuture<SignalPublisher.Accepted> published = knownOutage == null
                    ? publisher.publish(content) : CompletableFuture.failedFuture(knownOutage);
            return published.handle((accepted, error) -> {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("index", index);
                if (error != null) {
                    Throwable outage = unavailable(error);
                    result.put("status", 503);
                    result.put("error", outage.getMessage());
                    return new Item(503, result, outage);
                }
                meters.counter("aegis.node.signals.accepted").increment();
                result.put("status", 202);
                result.putAll(accepted(accepted));
                return new Item(202, result, null);
            });
        } catch (InvalidRequestException e) {
            rejected();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", index);
            result.put("status", 422);
            result.put("error", e.getMessage());
            result.put("violations", ApiError.of(e.getMessage(), e.violations()).violations());
            return CompletableFuture.completedFuture(new Item(422, result, null, e.violations()));
        }
    }

    private Throwable unavailable(Throwable error) {
        return unavailable(error, meters);
    }

    /** Counts a write refused by Kafka or the registry and returns it as a 503-mapped exception (also for STIX imports). */
    static Throwable unavailable(Throwable error, MeterRegistry meters) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean registry = cause instanceof RegistryUnavailableException;
        meters.counter("aegis.node.signals.rejected", "reason", registry ? "registry_unavailable" : "kafka_unavailable")
                .increment();
        return registry || cause instanceof KafkaUnavailableException ? cause : new KafkaUnavailableException("outbox", cause);
    }

    static Map<String, Object> accepted(SignalPublisher.Accepted accepted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", accepted.id());
        body.put("contentHash", accepted.contentHash());
        body.put("topic", accepted.topic());
        body.put("partition", accepted.partition());
        body.put("offset", accepted.offset());
        return body;
    }

    private void rejected() {
        meters.counter("aegis.node.signals.rejected", "reason", "validation").increment();
    }

    private static String fingerprint(String route, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(route.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
