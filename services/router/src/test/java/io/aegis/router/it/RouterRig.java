package io.aegis.router.it;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.crypto.SignalSigner;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.router.config.AvroTrust;
import io.aegis.router.domain.Fixtures;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test rig for the router on real brokers: member keys and files in a temp infra directory, the
 * topics, a running router application, a node-like publisher (acks=all, idempotent, returns only
 * once Kafka acknowledged) and read_committed inbox readers. One in-memory registry is shared by
 * the router and the rig, standing in for the registry service.
 */
final class RouterRig implements AutoCloseable {

    static final List<String> CODES = List.of("FR", "DE", "JP", "BR", "KE");
    static final String OPEN_POLICY = """
            country: %s
            rules:
              - {id: all-green, effect: ALLOW, to: ["*"]}
              - {id: amber-de, effect: ALLOW, to: [DE], tlp: [AMBER]}
            coordination: COUNT_ONLY
            attribution: COUNTRY
            """;

    final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final Topics topics = new Topics(new SerdeFactory(registry));
    final Map<String, KeyPair> keys = new LinkedHashMap<>();
    final Path infra;
    final String bootstrap;
    /** Router API users (name → password): a member's user for FR and for DE, and a coordination-centre operator. */
    final Map<String, String> apiPasswords = Map.of("fr-soc", secret(), "de-soc", secret(), "cc-ops", secret());
    private final KafkaProducer<String, OutboxEvent> producer;
    private ApplicationContext router;

    RouterRig(String bootstrap, int partitions, int replication, org.apache.kafka.clients.admin.Admin admin) throws Exception {
        AvroTrust.install();
        this.bootstrap = bootstrap;
        this.infra = Files.createTempDirectory("router-it-infra");
        StringBuilder members = new StringBuilder("members:\n");
        for (String cc : CODES) {
            KeyPair pair = Ed25519.generate();
            keys.put(cc, pair);
            members.append("  - {code: ").append(cc).append(", name: ").append(cc).append(", keyId: k1, publicKey: \"")
                    .append(Ed25519.encodePublic(pair.getPublic())).append("\"}\n");
        }
        Files.writeString(infra.resolve("members.yaml"), members + "groups:\n  eu: [FR, DE]\n");
        Files.createDirectories(infra.resolve("policies"));
        Files.writeString(infra.resolve("policies/FR.yaml"), OPEN_POLICY.formatted("FR"));
        createTopics(admin, partitions, replication);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        producer = new KafkaProducer<>(props, new StringSerializer(), topics.outbox("FR").valueSerializer());
    }

    private static void createTopics(org.apache.kafka.clients.admin.Admin admin, int partitions, int rf) throws Exception {
        Map<String, String> durability = Map.of("min.insync.replicas", Integer.toString(Math.min(2, rf)));
        List<org.apache.kafka.clients.admin.NewTopic> all = new ArrayList<>();
        for (String cc : CODES) {
            all.add(new org.apache.kafka.clients.admin.NewTopic(TopicNames.outbox(cc), partitions, (short) rf));
            all.add(new org.apache.kafka.clients.admin.NewTopic(TopicNames.inbox(cc), partitions, (short) rf));
        }
        for (String shared : List.of(TopicNames.COORDINATION_SIGNALS, TopicNames.ROUTING_AUDIT, TopicNames.RECEIPTS, TopicNames.DLQ)) {
            all.add(new org.apache.kafka.clients.admin.NewTopic(shared, partitions, (short) rf));
        }
        all.add(new org.apache.kafka.clients.admin.NewTopic(TopicNames.POLICIES, 1, (short) rf).configs(Map.of("cleanup.policy", "compact")));
        all.forEach(topic -> topic.configs(merge(topic.configs(), durability)));
        admin.createTopics(all).all().get(60, TimeUnit.SECONDS);
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new HashMap<>(b);
        if (a != null) {
            merged.putAll(a);
        }
        return merged;
    }

    void startRouter() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("aegis.infra.dir", infra.toString());
        props.put("aegis.network-key", Base64.getEncoder().encodeToString("it-network-key-0123456789abcdef".getBytes()));
        props.put("aegis.router.state-dir", Files.createTempDirectory("router-it-state").toString());
        props.put("aegis.router.commit-interval", "100ms");
        props.put("aegis.router.api.users.fr-soc.country", "FR");
        props.put("aegis.router.api.users.de-soc.country", "DE");
        props.put("aegis.router.api.users.cc-ops.coordination", true);
        apiPasswords.forEach((user, password) ->
                props.put("aegis.router.api.users." + user + ".password-sha256", io.aegis.kafka.crypto.SecretHash.hex(password)));
        router = ApplicationContext.builder().properties(props).singletons(registry).start();
    }

    /** Starts the router's HTTP server (random port) and returns its base URL. */
    String startHttp() {
        io.micronaut.runtime.server.EmbeddedServer server = router.getBean(io.micronaut.runtime.server.EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        return server.getURL().toString();
    }

    void stopRouter() {
        if (router != null) {
            router.close();
            router = null;
        }
    }

    /** Signs and publishes like a node: returns only after Kafka acknowledged the write. */
    String publish(String origin, SignalContent content) throws Exception {
        ThreatSignal signal = SignalSigner.signNew(UUID.randomUUID().toString(), origin, "agency", Instant.now(), content, "k1",
                keys.get(origin).getPrivate());
        producer.send(new ProducerRecord<>(TopicNames.outbox(origin), signal.getId(), new OutboxEvent(signal))).get(60, TimeUnit.SECONDS);
        return signal.getId();
    }

    /** Signal ids of every SharedSignal on a country's inbox (read_committed, to the current end). */
    List<String> inboxIds(String cc) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "rig-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, InboxEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(), topics.inbox(cc).valueDeserializer())) {
            var partitions = consumer.partitionsFor(TopicNames.inbox(cc)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, InboxEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value().getPayload() instanceof SharedSignal s) {
                        ids.add(s.getSignalId());
                    }
                }
            }
        }
        return ids;
    }

    Map<String, Object> clientProps() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    }

    /** The value of {@code Authorization} for an API user: Basic, with its password. */
    String basic(String user) {
        return basic(user, apiPasswords.get(user));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static SignalContent green() {
        return Fixtures.content(io.aegis.schema.common.Tlp.GREEN);
    }

    @Override
    public void close() {
        stopRouter();
        producer.close(Duration.ofSeconds(5));
    }
}
