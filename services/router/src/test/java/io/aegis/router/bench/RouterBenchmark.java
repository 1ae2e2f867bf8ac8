package io.aegis.router.bench;

import io.aegis.policy.Member;
import io.aegis.policy.Members;
import io.aegis.policy.PolicyDocument;
import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.crypto.SignalSigner;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.router.config.AvroTrust;
import io.aegis.router.domain.Fixtures;
import io.aegis.router.topology.RouterSettings;
import io.aegis.router.topology.RouterTopology;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.SignalContent;
import io.aegis.testsupport.kafka.InProcessKafkaCluster;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Router throughput benchmark: 10 members with mixed policies, exactly_once_v2, on an in-process
 * broker; printed beside raw Kafka Streams exactly-once pass-through over the same input in the same
 * run. Usage (from the repository root):
 * {@code ./mvnw -o -pl services/router test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.aegis.router.bench.RouterBenchmark -Dexec.args="SIGNALS"}.
 */
public final class RouterBenchmark {

    static final List<String> CODES = List.of("FR", "DE", "JP", "BR", "KE", "IT", "ES", "IN", "CA", "AU");
    static final int PARTITIONS = 2;

    private RouterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.install();
        int signals = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        try (InProcessKafkaCluster kafka = InProcessKafkaCluster.start(1, true, Map.of())) {
            Topics topics = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient()));
            Map<String, KeyPair> keys = new HashMap<>();
            List<Member> list = new ArrayList<>();
            for (String cc : CODES) {
                keys.put(cc, Ed25519.generate());
                list.add(new Member(cc, cc, "bench", "k1", Ed25519.encodePublic(keys.get(cc).getPublic())));
            }
            Members members = new Members(list, Map.of("eu", List.of("FR", "DE", "IT", "ES"), "g7", List.of("FR", "DE", "JP", "IT", "CA")));
            try (Admin admin = kafka.admin()) {
                createTopics(admin);
                produceInput(kafka, topics, members, keys, signals);
                double raw = measure(admin, "bench-raw", rawTopology(), kafka, signals);
                double router = measure(admin, "bench-router", RouterTopology.build(new StreamsBuilder(), members, topics,
                        new RouterSettings("bench-router", PARTITIONS, Duration.ofSeconds(1), "bench-network-key-0123456789".getBytes())),
                        kafka, signals);
                System.out.printf("%nRESULT signals=%d members=%d partitions/outbox=%d%n", signals, CODES.size(), PARTITIONS);
                System.out.printf("RESULT raw Kafka Streams EOS pass-through: %.0f records/s%n", raw);
                System.out.printf("RESULT router (verify, evaluate, route, audit chain), EOS: %.0f input signals/s%n", router);
                System.out.printf("RESULT Ed25519 verifications alone, one thread: %.0f/s%n", verifyRate(keys.get("FR")));
            }
        }
    }

    private static void createTopics(Admin admin) throws Exception {
        List<NewTopic> all = new ArrayList<>();
        for (String cc : CODES) {
            all.add(new NewTopic(TopicNames.outbox(cc), PARTITIONS, (short) 1));
            all.add(new NewTopic(TopicNames.inbox(cc), PARTITIONS, (short) 1));
        }
        for (String t : List.of(TopicNames.COORDINATION_SIGNALS, TopicNames.ROUTING_AUDIT, TopicNames.RECEIPTS, TopicNames.DLQ, "bench.raw.out")) {
            all.add(new NewTopic(t, PARTITIONS, (short) 1));
        }
        all.add(new NewTopic(TopicNames.POLICIES, 1, (short) 1));
        admin.createTopics(all).all().get(60, TimeUnit.SECONDS);
    }

    static String policy(String cc, int variant) {
        String template = switch (variant % 4) {
            case 0 -> """
                    country: %s
                    rules:
                      - {id: green, effect: ALLOW, to: ["*"]}
                      - {id: amber-eu, effect: ALLOW, to: ["group:eu"], tlp: [AMBER, RED]}
                      - {id: no-elections, effect: DENY, to: [JP, IN], sectors: [ELECTIONS]}
                      - {id: strip, effect: REDACT, to: ["*"], except: ["group:eu"], fields: [description, "indicators[type=EMAIL]"]}
                    coordination: HASHED
                    """;
            case 1 -> """
                    country: %s
                    rules:
                      - {id: g7, effect: ALLOW, to: ["group:g7"], tlp: [CLEAR, GREEN, AMBER]}
                      - {id: delay-au, effect: DELAY, to: [AU], delay: PT1H}
                    coordination: COUNT_ONLY
                    attribution: ANONYMOUS
                    """;
            case 2 -> """
                    country: %s
                    rules:
                      - {id: all, effect: ALLOW, to: ["*"], tlp: [CLEAR, GREEN, AMBER]}
                    coordination: FULL
                    attribution: AGENCY
                    """;
            default -> """
                    country: %s
                    rules:
                      - {id: green, effect: ALLOW, to: ["*"]}
                      - {id: deny-finance, effect: DENY, to: ["*"], except: ["group:eu"], sectors: [FINANCE]}
                    coordination: NONE
                    """;
        };
        return template.formatted(cc).replace("to: [JP, IN]", cc.equals("JP") || cc.equals("IN") ? "to: [BR]" : "to: [JP, IN]")
                .replace("to: [AU]", cc.equals("AU") ? "to: [CA]" : "to: [AU]");
    }

    private static void produceInput(InProcessKafkaCluster kafka, Topics topics, Members members, Map<String, KeyPair> keys, int signals)
            throws Exception {
        Map<String, Object> props = new HashMap<>(kafka.producerProps());
        props.put("linger.ms", 20);
        props.put("batch.size", 262_144);
        try (KafkaProducer<String, SharingPolicy> policies = new KafkaProducer<>(props, new StringSerializer(), topics.policies().valueSerializer())) {
            for (int i = 0; i < CODES.size(); i++) {
                String cc = CODES.get(i);
                SharingPolicy p = SharingPolicy.newBuilder(PolicyDocument.parse(policy(cc, i), Instant.now(), "bench")).setVersion(1).build();
                new io.aegis.policy.PolicyValidator(members).requireValid(p);
                policies.send(new ProducerRecord<>(TopicNames.POLICIES, cc, p)).get();
            }
        }
        Tlp[] tlps = {Tlp.GREEN, Tlp.GREEN, Tlp.AMBER, Tlp.CLEAR, Tlp.RED};
        Sector[] sectors = {Sector.FINANCE, Sector.ELECTIONS, Sector.HEALTH, Sector.ENERGY};
        long start = System.nanoTime();
        try (KafkaProducer<String, OutboxEvent> producer = new KafkaProducer<>(props, new StringSerializer(), topics.outbox("FR").valueSerializer())) {
            for (int i = 0; i < signals; i++) {
                String origin = CODES.get(i % CODES.size());
                SignalContent content = SignalContent.newBuilder(Fixtures.content(tlps[i % tlps.length], List.of("DE", "FR", "JP")))
                        .setSectors(List.of(sectors[i % sectors.length])).build();
                var signal = SignalSigner.signNew(UUID.randomUUID().toString(), origin, "agency", Instant.now(), content, "k1",
                        keys.get(origin).getPrivate());
                producer.send(new ProducerRecord<>(TopicNames.outbox(origin), signal.getId(), new OutboxEvent(signal)));
            }
            producer.flush();
        }
        System.out.printf("produced %d signed signals in %.1f s%n", signals, (System.nanoTime() - start) / 1e9);
    }

    /** The ceiling signature verification alone puts on one stream thread. */
    private static double verifyRate(KeyPair key) {
        var signal = SignalSigner.signNew("probe", "FR", "agency", Instant.now(), Fixtures.content(Tlp.GREEN), "k1", key.getPrivate());
        int rounds = 2_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            io.aegis.kafka.crypto.SignatureVerifier.verify(signal, key.getPublic());
        }
        return rounds / ((System.nanoTime() - start) / 1e9);
    }

    private static Topology rawTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TopicNames.OUTBOX_PATTERN, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-source"))
                .to("bench.raw.out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-sink"));
        return builder.build();
    }

    /** Runs a topology until its group has committed every input offset; returns input records per second. */
    private static double measure(Admin admin, String appId, Topology topology, InProcessKafkaCluster kafka, int signals) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(appId).toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        props.put(StreamsConfig.producerPrefix("linger.ms"), 10);
        props.put(StreamsConfig.producerPrefix("batch.size"), 262_144);
        // A new transaction's first write to a partition can meet CONCURRENT_TRANSACTIONS while the previous
        // commit's markers are written; the default backoff (100 ms, up to 1 s) then stalls every commit.
        props.put(StreamsConfig.producerPrefix("retry.backoff.ms"), 5);
        props.put(StreamsConfig.producerPrefix("retry.backoff.max.ms"), 50);
        Map<TopicPartition, Long> end = endOffsets(admin);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            long start = System.nanoTime();
            streams.start();
            while (!caughtUp(admin, appId, end)) {
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %d signals in %.1f s%n", appId, signals, seconds);
            return signals / seconds;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String cc : CODES) {
            for (int p = 0; p < PARTITIONS; p++) {
                request.put(new TopicPartition(TopicNames.outbox(cc), p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(request).all().get().entrySet()) {
            end.put(e.getKey(), e.getValue().offset());
        }
        return end;
    }

    private static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> end) throws Exception {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
    }
}
