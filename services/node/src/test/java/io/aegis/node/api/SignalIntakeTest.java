package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.NodeConfig;
import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.domain.Violation;
import io.aegis.node.messaging.AckedWriter;
import io.aegis.node.messaging.KafkaUnavailableException;
import io.aegis.node.messaging.NodeIdentity;
import io.aegis.node.messaging.SignalPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Batch answers when Kafka refuses some or all writes, or every item is invalid, and what the
 * Idempotency-Key remembers of them.
 */
class SignalIntakeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    final SignalIntake intake;

    SignalIntakeTest() {
        NodeConfig config = new NodeConfig("FR", "anssi", Ed25519.encodePrivate(Ed25519.generate().getPrivate()), "fr-1",
                Duration.ofSeconds(3), Duration.ofMinutes(5), 1000, Duration.ofHours(1), 100, false, Duration.ofMillis(250));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SignalPublisher publisher = new SignalPublisher(new NodeIdentity(config),
                new Topics(new SerdeFactory(new InMemorySchemaRegistryClient())),
                new AckedWriter(producer, config.produceTimeout(), "in-memory"), meters);
        intake = new SignalIntake(config, publisher, meters);
    }

    static byte[] batch(int valid, boolean withInvalid) {
        ObjectNode body = JSON.createObjectNode();
        var signals = body.putArray("signals");
        for (int i = 0; i < valid; i++) {
            signals.add(SignalApiIT.example());
        }
        if (withInvalid) {
            signals.add(SignalApiIT.example().put("severity", 9));
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    CompletableFuture<Answer> submit(String key, byte[] body) throws Exception {
        return intake.once("alice", key, "batch", body, () -> {
            try {
                return intake.batch(JSON.readTree(body));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Completes the pending sends in order: true = acknowledged, false = refused by Kafka. */
    void acknowledge(int pending, boolean... outcomes) {
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() >= pending);
        for (boolean ok : outcomes) {
            if (ok) {
                producer.completeNext();
            } else {
                producer.errorNext(new TimeoutException("broker down"));
            }
        }
    }

    @Test
    void shouldAnswer503WhenNoValidItemCouldBeWrittenAndPublishAgainOnRetry() throws Exception {
        byte[] body = batch(2, true);
        CompletableFuture<Answer> first = submit("key-1", body);
        acknowledge(2, false, false);

        ExecutionException refused = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
        assertInstanceOf(KafkaUnavailableException.class, refused.getCause());

        // A retry with the same key publishes again instead of replaying the 503
        CompletableFuture<Answer> retry = submit("key-1", body);
        acknowledge(4, true, true);
        Answer answer = retry.get(10, TimeUnit.SECONDS);
        assertEquals(207, answer.status());
        assertEquals(2L, ((Map<?, ?>) answer.body()).get("accepted"));
    }

    @Test
    void shouldAnswer207ForAPartialOutageButNotRememberIt() throws Exception {
        byte[] body = batch(2, false);
        CompletableFuture<Answer> first = submit("key-2", body);
        acknowledge(2, true, false);

        Answer partial = first.get(10, TimeUnit.SECONDS);
        assertEquals(207, partial.status());
        JsonNode results = JSON.valueToTree(((Map<?, ?>) partial.body()).get("results"));
        assertEquals(List.of(202, 503), java.util.stream.Stream.of(results.get(0), results.get(1))
                .map(r -> r.get("status").asInt()).sorted().toList());

        CompletableFuture<Answer> retry = submit("key-2", body);
        acknowledge(4, true, true);

        assertEquals(202, retry.get(10, TimeUnit.SECONDS).status());
        assertEquals(4, producer.history().size(), "the retry published both items again");
    }

    @Test
    void shouldReplayA207CausedOnlyByInvalidItems() throws Exception {
        byte[] body = batch(1, true);
        CompletableFuture<Answer> first = submit("key-3", body);
        acknowledge(1, true);
        Answer answer = first.get(10, TimeUnit.SECONDS);

        Answer replay = submit("key-3", body).get(10, TimeUnit.SECONDS);

        assertEquals(207, answer.status());
        assertEquals(answer, replay);
        assertEquals(1, producer.history().size(), "the replay produced nothing");
    }

    @Test
    void shouldRefuseABatchOfWhichEveryItemIsInvalidAsAWholeNamingEachItem() throws Exception {
        // why: a batch with nothing valid in it is an invalid request (a 422 in the error shape), not a 207 success
        ObjectNode body = JSON.createObjectNode();
        body.putArray("signals").add(SignalApiIT.example().put("severity", 9)).add(SignalApiIT.example().put("tlp", "PURPLE"));

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> submit("key-4", body.toString().getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS));

        InvalidRequestException invalid = assertInstanceOf(InvalidRequestException.class, refused.getCause());
        assertEquals(List.of("signals[0].severity", "signals[1].tlp"), invalid.violations().stream().map(Violation::field).toList());
        assertEquals(0, producer.history().size(), "nothing was produced");
    }
}
