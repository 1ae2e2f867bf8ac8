package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.node.config.NodeConfig;
import io.aegis.node.domain.IdempotencyCache;
import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.domain.SignalParser;
import io.aegis.node.messaging.KafkaUnavailableException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Accepts submitted signals: validates, publishes and answers, single or in batches, with
 * Idempotency-Key replay. Invariants: nothing is produced for an invalid signal; an answer of
 * 202 (or an item status of 202) is given only after Kafka acknowledged; counted in metrics.
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
        return idempotency.answer(user + "\n" + key, fingerprint(route, body), action);
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
                meters.counter("aegis.node.signals.rejected", "reason", "kafka_unavailable").increment();
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
        List<CompletableFuture<Map<String, Object>>> items = new ArrayList<>(signals.size());
        for (int i = 0; i < signals.size(); i++) {
            items.add(item(i, signals.get(i)));
        }
        return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Map<String, Object>> results = items.stream().map(CompletableFuture::join).toList();
            long accepted = results.stream().filter(r -> Integer.valueOf(202).equals(r.get("status"))).count();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("accepted", accepted);
            body.put("rejected", results.size() - accepted);
            body.put("results", results);
            return new Answer(accepted == results.size() ? 202 : 207, body);
        });
    }

    private CompletableFuture<Map<String, Object>> item(int index, JsonNode json) {
        String at = "signals[" + index + "]";
        try {
            SignalContent content = parser.parse(json, at);
            return publisher.publish(content).handle((accepted, error) -> {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("index", index);
                if (error != null) {
                    meters.counter("aegis.node.signals.rejected", "reason", "kafka_unavailable").increment();
                    result.put("status", 503);
                    result.put("error", new KafkaUnavailableException("outbox", error).getMessage());
                } else {
                    meters.counter("aegis.node.signals.accepted").increment();
                    result.put("status", 202);
                    result.putAll(accepted(accepted));
                }
                return result;
            });
        } catch (InvalidRequestException e) {
            rejected();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", index);
            result.put("status", 422);
            result.put("error", e.getMessage());
            result.put("violations", ApiError.of(e.getMessage(), e.violations()).violations());
            return CompletableFuture.completedFuture(result);
        }
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
