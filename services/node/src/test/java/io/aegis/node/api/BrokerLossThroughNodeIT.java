package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.node.support.NodeHarness;
import io.aegis.router.config.AegisConfig;
import io.aegis.router.config.AvroTrust;
import io.aegis.router.config.RouterConfig;
import io.aegis.router.messaging.RouterStreams;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guarantee 2 (no loss) end to end: a real node takes signals over HTTP from several threads, the
 * real router (exactly_once_v2) routes them, and one of three brokers (RF 3, min.insync.replicas 2)
 * is stopped mid-stream and later restarted. Every signal answered 202 reaches each inbox FR's
 * policy allows exactly once, and no other inbox.
 *
 * <p>A 503 promises less: the node claims nothing, but a write the brokers committed just as the
 * answer timed out may still travel. Such a signal, like any record, may reach only the inboxes its
 * TLP allows and at most once; every inbox record must trace back (by title) to a request answered
 * 202 or 503.
 */
@Tag("integration")
@Timeout(180)
@WithKafka(brokers = 3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerLossThroughNodeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MEMBERS = List.of("FR", "DE", "JP", "BR", "KE");
    private static final Map<Tlp, Set<String>> AUDIENCE = Map.of(Tlp.GREEN, Set.of("DE", "JP", "BR"), Tlp.AMBER, Set.of("DE"));
    private static final String POLICY = """
            country: FR
            rules:
              - {id: green-to-partners, effect: ALLOW, to: [DE, JP, BR], tlp: [GREEN]}
              - {id: amber-to-de, effect: ALLOW, to: [DE], tlp: [AMBER]}
            coordination: COUNT_ONLY
            attribution: COUNTRY
            """;
    private static final String TITLE = "broker-loss #";
    private static final int PER_PHASE = 100;

    enum Phase { BEFORE, OUTAGE, RESTORED }

    record Answer(int n, Tlp tlp, int status, String id, Phase phase) {
    }

    private final Map<Integer, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);
    private final String observedAt = Instant.now().minusSeconds(60).toString();
    private volatile boolean publishing = true;
    private KafkaCluster kafka;
    private NodeHarness node;
    private RouterStreams router;

    @BeforeAll
    void start(KafkaCluster kafka) throws Exception {
        this.kafka = kafka;
        Map<String, String> durable = Map.of("min.insync.replicas", "2");
        for (String cc : MEMBERS) {
            kafka.createTopic(TopicNames.outbox(cc), 3, 3, durable);
            kafka.createTopic(TopicNames.inbox(cc), 3, 3, durable);
        }
        for (String topic : List.of(TopicNames.COORDINATION_SIGNALS, TopicNames.ROUTING_AUDIT, TopicNames.RECEIPTS, TopicNames.DLQ)) {
            kafka.createTopic(topic, 3, 3, durable);
        }
        kafka.createTopic(TopicNames.POLICIES, 1, 3, Map.of("min.insync.replicas", "2", "cleanup.policy", "compact"));
        node = new NodeHarness(kafka, Map.of());
        router = startRouter();
        await("router running").atMost(Duration.ofSeconds(60)).until(() -> router.state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    void stop() {
        if (router != null) {
            router.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void shouldDeliverEverySignalTheNodeAcceptedExactlyOnceToEachAllowedInboxWhenABrokerIsLost() throws Exception {
        // Given publishers posting to the node from several threads, one of them in batches
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> publishers = new ArrayList<>();
        IntStream.range(0, 4).forEach(i -> publishers.add(pool.submit(i == 0 ? () -> publish(5) : () -> publish(1))));
        awaitAccepted(Phase.BEFORE);

        // When one broker of three is lost mid-stream, publishing goes on, and the broker comes back
        kafka.stopBroker(1);
        phase.set(Phase.OUTAGE);
        awaitAccepted(Phase.OUTAGE);
        kafka.restartBroker(1);
        phase.set(Phase.RESTORED);
        awaitAccepted(Phase.RESTORED);
        publishing = false;
        for (Future<?> publisher : publishers) {
            publisher.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // Then the node answered only 202 or 503, and every 202 reaches each allowed inbox exactly once
        assertThat(answers.values()).allSatisfy(a -> assertThat(a.status()).as("answer to #%d", a.n()).isIn(202, 503));
        await("every acknowledged signal routed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> MEMBERS.stream().allMatch(cc -> ids(inbox(cc)).containsAll(acknowledgedFor(cc))));
        for (String cc : MEMBERS) {
            assertInbox(cc, inbox(cc));
        }
    }

    /** Counts and compares ids for the 202s; traces every other record to a 503 it may follow. */
    private void assertInbox(String cc, List<SharedSignal> inbox) {
        List<String> ids = ids(inbox);
        assertThat(ids).as("inbox %s", cc).doesNotHaveDuplicates();
        Set<String> acknowledged = acknowledgedIds();
        assertThat(ids.stream().filter(acknowledged::contains).toList()).as("acknowledged signals in inbox %s", cc)
                .containsExactlyInAnyOrderElementsOf(acknowledgedFor(cc));
        for (SharedSignal delivered : inbox) {
            Answer answer = answers.get(Integer.parseInt(delivered.getContent().getTitle().substring(TITLE.length())));
            assertThat(answer).as("request behind %s in %s", delivered.getSignalId(), cc).isNotNull();
            assertThat(AUDIENCE.get(answer.tlp())).as("%s signal #%d in inbox %s", answer.tlp(), answer.n(), cc).contains(cc);
            if (answer.status() != 503) {
                assertThat(delivered.getSignalId()).as("id answered for #%d", answer.n()).isEqualTo(answer.id());
            }
        }
        LoggerFactory.getLogger(getClass()).info("inbox {}: {} records, {} after a 503; answers {}", cc, ids.size(),
                ids.stream().filter(id -> !acknowledged.contains(id)).count(), summary());
    }

    private void publish(int batch) {
        while (publishing) {
            List<Integer> numbers = IntStream.range(0, batch).mapToObj(i -> sequence.getAndIncrement()).toList();
            String body = batch == 1 ? signal(numbers.get(0))
                    : "{\"signals\":[" + String.join(",", numbers.stream().map(this::signal).toList()) + "]}";
            HttpResponse<String> response = node.post(batch == 1 ? "/api/v1/signals" : "/api/v1/signals/batch", NodeHarness.PUBLISHER, body);
            JsonNode json = parse(response.body());
            JsonNode items = json.path("results");
            for (int i = 0; i < numbers.size(); i++) {
                JsonNode item = items.isArray() ? items.get(i) : json;
                int status = items.isArray() ? item.path("status").asInt() : response.statusCode();
                int n = numbers.get(i);
                answers.put(n, new Answer(n, tlp(n), status, item.path("id").asText(null), phase.get()));
            }
        }
    }

    private String signal(int n) {
        return """
                {"category": "DEEPFAKE_FRAUD", "title": "%s%d", "description": "broker loss", "severity": 3,
                 "confidence": 80, "tlp": "%s", "observedAt": "%s", "sectors": ["FINANCE"]}"""
                .formatted(TITLE, n, tlp(n), observedAt);
    }

    private static Tlp tlp(int n) {
        return n % 2 == 0 ? Tlp.GREEN : Tlp.AMBER;
    }

    private void awaitAccepted(Phase during) {
        await(PER_PHASE + " signals accepted in phase " + during).atMost(Duration.ofSeconds(60))
                .until(() -> answers.values().stream().filter(a -> a.phase() == during && a.status() == 202).count() >= PER_PHASE);
    }

    private Set<String> acknowledgedIds() {
        return Set.copyOf(answers.values().stream().filter(a -> a.status() == 202).map(Answer::id).toList());
    }

    private List<String> acknowledgedFor(String cc) {
        return answers.values().stream().filter(a -> a.status() == 202 && AUDIENCE.get(a.tlp()).contains(cc)).map(Answer::id).toList();
    }

    private Map<String, Long> summary() {
        Map<String, Long> counts = new TreeMap<>();
        answers.values().forEach(a -> counts.merge(a.phase() + "/" + a.status(), 1L, Long::sum));
        return counts;
    }

    private static List<String> ids(List<SharedSignal> inbox) {
        return inbox.stream().map(SharedSignal::getSignalId).toList();
    }

    /** Every SharedSignal on a country's inbox, read_committed, from the start to the current end. */
    private List<SharedSignal> inbox(String cc) {
        return node.readAll(node.topics.inbox(cc)).stream().map(InboxEvent::getPayload)
                .filter(SharedSignal.class::isInstance).map(SharedSignal.class::cast).toList();
    }

    /** The production router class, outside Micronaut: members with the node's real key, FR's policy file. */
    private RouterStreams startRouter() throws Exception {
        AvroTrust.install();
        Path infra = Files.createTempDirectory("broker-loss-infra");
        StringBuilder members = new StringBuilder("members:\n");
        for (String cc : MEMBERS) {
            var key = "FR".equals(cc) ? node.keys.getPublic() : Ed25519.generate().getPublic();
            members.append("  - {code: %s, name: %s, keyId: %s, publicKey: \"%s\"}\n"
                    .formatted(cc, cc, "FR".equals(cc) ? "fr-1" : "k1", Ed25519.encodePublic(key)));
        }
        Files.writeString(infra.resolve("members.yaml"), members);
        Files.createDirectories(infra.resolve("policies"));
        Files.writeString(infra.resolve("policies/FR.yaml"), POLICY);
        RouterConfig config = new RouterConfig("aegis-router-broker-loss", Files.createTempDirectory("broker-loss-router").toString(),
                3, Duration.ofSeconds(1), Duration.ofMillis(100), 1, true);
        String networkKey = Base64.getEncoder().encodeToString("broker-loss-network-key-0123456789".getBytes());
        AegisConfig aegis = new AegisConfig(infra.toString(), "", networkKey, new AegisConfig.Registry("http://unused", null, null, true));
        return new RouterStreams(config, aegis, node.registry, Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
