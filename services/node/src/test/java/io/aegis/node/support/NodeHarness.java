package io.aegis.node.support;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.security.UserDirectory;
import io.aegis.router.messaging.RouterStreams;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * A running node for integration tests: topics created, an in-memory registry shared with the
 * test's own clients, four users (one per role) and helpers to call the API and read topics.
 */
public final class NodeHarness implements AutoCloseable {

    public static final String COUNTRY = "FR";
    public static final String PUBLISHER = "publisher-token-0123456789";
    public static final String OFFICER = "officer-token-0123456789";
    public static final String OPERATOR = "operator-token-0123456789";
    public static final String ADMIN = "admin-token-0123456789";
    /** Passwords of the officer (olivier) and the admin (ada), random per harness: users sign in with both a token and a password. */
    public final String officerPassword = randomPassword();
    public final String adminPassword = randomPassword();
    /** The key this node signs sessions with (base64 of 32 random bytes). */
    public final String sessionKey = randomKey();

    public final KafkaCluster kafka;
    public final String country;
    public final InMemorySchemaRegistryClient registry;
    public final SerdeFactory serdes;
    public final Topics topics;
    public final KeyPair keys = Ed25519.generate();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final Path stateDir;

    public NodeHarness(KafkaCluster kafka, Map<String, Object> extra) {
        this(kafka, COUNTRY, new InMemorySchemaRegistryClient(), extra);
    }

    /**
     * A node of {@code country} (agency {@code anssi} and key id {@code fr-1} for FR, else {@code <cc>-agency}, {@code <cc>-1}),
     * with a registry it may share with other nodes and a router of the same test.
     */
    public NodeHarness(KafkaCluster kafka, String country, InMemorySchemaRegistryClient registry, Map<String, Object> extra) {
        this.kafka = kafka;
        this.country = country;
        this.registry = registry;
        this.serdes = new SerdeFactory(registry);
        this.topics = new Topics(serdes);
        Set<String> existing = kafka.topicNames();
        for (String topic : List.of(TopicNames.outbox(country), TopicNames.inbox(country), TopicNames.notify(country),
                TopicNames.commands(country), TopicNames.users(country), TopicNames.ROUTING_AUDIT, TopicNames.RECEIPTS, TopicNames.CASES,
                TopicNames.POLICIES, TopicNames.DLQ)) {
            if (!existing.contains(topic)) {
                kafka.createTopic(topic, 1, kafka.brokerCount());
            }
        }
        try {
            stateDir = Files.createTempDirectory("aegis-node-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("kafka.streams.default.state.dir", stateDir.toString());
        props.put("kafka.streams.default.commit.interval.ms", "100");
        props.put("aegis.node.country", country);
        props.put("aegis.node.agency", COUNTRY.equals(country) ? "anssi" : country.toLowerCase() + "-agency");
        props.put("aegis.node.signing-key", Ed25519.encodePrivate(keys.getPrivate()));
        props.put("aegis.node.key-id", keyId());
        props.put("aegis.node.persistent-stores", false);
        props.put("aegis.node.produce-timeout", "3s");
        props.put("aegis.node.stream-poll", "50ms");
        // the network's member list, as a deployment mounts it: the node validates policies against it
        props.put("aegis.members-file", Path.of("..", "..", "infra", "members.yaml").toAbsolutePath().normalize().toString());
        user(props, "alice", PUBLISHER, "PUBLISHER");
        user(props, "olivier", OFFICER, "DUTY_OFFICER");
        user(props, "oscar", OPERATOR, "OPERATOR");
        user(props, "ada", ADMIN, "ADMIN");
        io.aegis.node.security.PasswordHashes hashes = new io.aegis.node.security.PasswordHashes(12);
        props.put("aegis.node.users.olivier.password-hash", hashes.hash(officerPassword));
        props.put("aegis.node.users.ada.password-hash", hashes.hash(adminPassword));
        props.put("aegis.node.session-key", sessionKey);
        props.putAll(extra);
        // The router is on this module's test classpath (for BrokerLossThroughNodeIT); a node context must not start it.
        context = ApplicationContext.builder().classLoader(HidingClassLoader.hiding(RouterStreams.class))
                .properties(props).singletons(registry).start();
        server = context.getBean(EmbeddedServer.class).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/v1/inbox", PUBLISHER).statusCode() == 200);
    }

    private static void user(Map<String, Object> props, String name, String token, String role) {
        props.put("aegis.node.users." + name + ".token-sha256", io.aegis.kafka.crypto.SecretHash.hex(token));
        props.put("aegis.node.users." + name + ".roles", List.of(role));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new java.security.SecureRandom().nextBytes(bytes);
        return "pw-" + java.util.HexFormat.of().formatHex(bytes);
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /** The id of this node's signing key, as members.yaml must list it. */
    public String keyId() {
        return country.toLowerCase() + "-1";
    }

    public ApplicationContext context() {
        return context;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    public HttpResponse<String> send(String method, String path, String token, String contentType, String body,
                                     Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, String token, String json) {
        return send("POST", path, token, "application/json", json, Map.of());
    }

    /** A copy of a signal from DE (attributed to its country) shared with this node's country, as the router writes it. */
    public static SharedSignal shared(String id) {
        return SharedSignal.newBuilder().setSignalId(id).setDestination(COUNTRY).setOriginCountry("DE")
                .setAttribution(Attribution.COUNTRY).setSubmittedAt(Instant.now()).setSharedAt(Instant.now())
                .setContent(Signals.content().build()).setContentHash("sha256:abc").setPolicyVersion(1)
                .setDecisionId("d-" + id).build();
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    public <V> void produce(Topic<String, V> topic, String key, V value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    topic.valueSerializer().serialize(topic.name(), value))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic.name(), e);
        }
    }

    /** Everything currently on a topic (read_committed, every partition; in order within each), decoded. */
    public <V> List<V> readAll(Topic<String, V> topic) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("reader-" + System.nanoTime()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(topic.valueDeserializer().deserialize(topic.name(), record.value()));
                }
            }
        }
        return values;
    }

    /** Number of records on partition 0 of a topic (end offset). */
    public long size(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("size-" + System.nanoTime()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
