package io.aegis.router.it;

import io.aegis.policy.Members;
import io.aegis.policy.MembersYaml;
import io.aegis.policy.PolicyDocument;
import io.aegis.kafka.security.KafkaSecurityConfig;
import io.aegis.kafka.security.SaslMechanism;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.crypto.SignalSigner;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.router.admin.AclCommand;
import io.aegis.router.config.AvroTrust;
import io.aegis.router.topology.RouterSettings;
import io.aegis.router.topology.RouterTopology;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Broker-level enforcement with the real {@code infra/acls.yaml}: a SASL/SCRAM broker with the KRaft
 * StandardAuthorizer (deny unless granted). Node FR cannot read DE's inbox nor write DE's outbox;
 * the router, under its own principal, routes a signal end to end.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class BrokerAclIT {

    private static final Path INFRA = Path.of("../../infra");
    private static final String ADMIN = "plain-admin";
    private static final String ADMIN_SECRET = "plain-admin-secret";

    private KafkaClusterTestKit kit;
    private final Topics topics = new Topics(new SerdeFactory(new InMemorySchemaRegistryClient()));
    private Members members;

    @BeforeAll
    void startSecuredBroker() throws Exception {
        AvroTrust.install();
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(1)
                .setBrokerListenerName(new ListenerName("EXTERNAL")).setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        Map.<String, Object>of(
                "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.external.scram-sha-256.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found", "false",
                // The controller listener is PLAINTEXT and reachable only by the brokers.
                "super.users", "User:" + ADMIN + ";User:ANONYMOUS").forEach(builder::setConfigProp);
        Map.<String, Object>of("offsets.topic.replication.factor", "1", "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1", "group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "1",
                "transaction.state.log.num.partitions", "1").forEach(builder::setConfigProp);
        kit = builder.build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        members = MembersYaml.load(INFRA.resolve("members.yaml"));
        try (Admin admin = Admin.create(client("PLAIN", ADMIN, ADMIN_SECRET))) {
            List<NewTopic> all = new ArrayList<>();
            members.codes().forEach(cc -> TopicNames.perCountry(cc).forEach(t -> all.add(new NewTopic(t, 1, (short) 1))));
            TopicNames.SHARED_TOPICS.forEach(t -> all.add(new NewTopic(t, 1, (short) 1)));
            admin.createTopics(all).all().get(30, TimeUnit.SECONDS);
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            for (String user : List.of("node-FR", "node-DE", "aegis-router")) {
                users.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), user + "-secret"));
            }
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(30, TimeUnit.SECONDS);
            AclCommand.apply(admin, AclCommand.plan(INFRA.resolve("acls.yaml"), members), System.out);
        }
        // The controller acknowledges new credentials before the broker has them: a login right away may fail.
        for (String user : List.of("node-FR", "node-DE", "aegis-router")) {
            Awaitility.await("SCRAM credentials of " + user + " at the broker").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                        try (Admin probe = Admin.create(scram(user))) {
                            return probe.describeCluster().clusterId().get(5, TimeUnit.SECONDS) != null;
                        }
                    });
        }
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (kit != null) {
            kit.close();
        }
    }

    private Map<String, Object> client(String mechanism, String user, String password) {
        Map<String, Object> props = new HashMap<>(new KafkaSecurityConfig(SecurityProtocol.SASL_PLAINTEXT,
                SaslMechanism.parse(mechanism), user, password, null, null, null, true).toProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers());
        return props;
    }

    private Map<String, Object> scram(String user) {
        return client("SCRAM-SHA-256", user, user + "-secret");
    }

    private KafkaProducer<String, OutboxEvent> producer(String user) {
        Map<String, Object> props = new HashMap<>(scram(user));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), topics.outbox("FR").valueSerializer());
    }

    private KafkaConsumer<String, InboxEvent> consumer(String user, String group) {
        Properties props = new Properties();
        props.putAll(scram(user));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), topics.inbox("FR").valueDeserializer());
    }

    private ThreatSignal signFr() throws Exception {
        var key = Ed25519.decodePrivate(Files.readString(INFRA.resolve("demo/keys/FR.key")).trim());
        return SignalSigner.signNew(java.util.UUID.randomUUID().toString(), "FR", "anssi", Instant.now(),
                io.aegis.router.domain.Fixtures.content(io.aegis.schema.common.Tlp.GREEN), "default", key);
    }

    @Test
    void shouldForbidNodeFrToWriteTheOutboxOfDe() throws Exception {
        ThreatSignal signal = signFr();
        try (KafkaProducer<String, OutboxEvent> fr = producer("node-FR")) {
            assertThatThrownBy(() -> fr.send(new ProducerRecord<>(TopicNames.outbox("DE"), signal.getId(), new OutboxEvent(signal))).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldForbidNodeFrToReadTheInboxOfDe() {
        try (KafkaConsumer<String, InboxEvent> fr = consumer("node-FR", "aegis-node-FR-probe")) {
            fr.subscribe(List.of(TopicNames.inbox("DE")));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 50; i++) {
                    fr.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldLetOnlyNodeFrReadAndWriteItsUsersAuditLog() throws Exception {
        // the audit log of FR's users holds password hashes: no other principal may read it, nor forge a change
        String topic = TopicNames.users("FR");
        io.aegis.schema.users.UserChange change = io.aegis.schema.users.UserChange.newBuilder().setChangeId("c-1")
                .setUser("dora").setAction(io.aegis.schema.users.UserAction.DISABLED).setBy("ada").setAt(Instant.now()).build();
        byte[] value = topics.users("FR").valueSerializer().serialize(topic, change);

        for (String outsider : List.of("node-DE", "aegis-router")) {
            try (KafkaProducer<String, byte[]> producer = bytesProducer(outsider)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "dora", value)).get())
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            try (KafkaConsumer<String, byte[]> consumer = assignedConsumer(outsider, topic)) {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 50; i++) {
                        consumer.poll(Duration.ofMillis(200));
                    }
                }).isInstanceOf(TopicAuthorizationException.class);
            }
        }
        try (KafkaProducer<String, byte[]> fr = bytesProducer("node-FR")) {
            fr.send(new ProducerRecord<>(topic, "dora", value)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, byte[]> fr = assignedConsumer("node-FR", topic)) {
            List<byte[]> read = new ArrayList<>();
            Awaitility.await("FR reads its own audit log").atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        fr.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                        return !read.isEmpty();
                    });
        }
    }

    private KafkaProducer<String, byte[]> bytesProducer(String user) {
        Map<String, Object> props = new HashMap<>(scram(user));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    /** A consumer of every partition of {@code topic} from its start, without a group (as the node reads its users). */
    private KafkaConsumer<String, byte[]> assignedConsumer(String user, String topic) {
        Properties props = new Properties();
        props.putAll(scram(user));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
        return consumer;
    }

    @Test
    void shouldLetTheRouterRouteASignalFromFrToDeUnderItsOwnPrincipal() throws Exception {
        var policy = PolicyDocument.parse(Files.readString(INFRA.resolve("policies/FR.yaml")), Instant.now(), "it");
        try (KafkaProducer<String, io.aegis.schema.routing.SharingPolicy> admin = new KafkaProducer<>(
                client("PLAIN", ADMIN, ADMIN_SECRET), new StringSerializer(), topics.policies().valueSerializer())) {
            admin.send(new ProducerRecord<>(TopicNames.POLICIES, "FR", policy)).get();
        }
        Properties props = new Properties();
        props.putAll(scram("aegis-router"));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aegis-router");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("router-acl").toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        RouterSettings settings = new RouterSettings("aegis-router", 1, Duration.ofSeconds(1), "acl-it-network-key-0123456789".getBytes());
        try (KafkaStreams router = new KafkaStreams(RouterTopology.build(new StreamsBuilder(), members, topics, settings), props);
             KafkaProducer<String, OutboxEvent> fr = producer("node-FR");
             KafkaConsumer<String, InboxEvent> de = consumer("node-DE", "aegis-node-DE-inbox")) {
            router.start();
            ThreatSignal signal = signFr();
            fr.send(new ProducerRecord<>(TopicNames.outbox("FR"), signal.getId(), new OutboxEvent(signal))).get();
            de.subscribe(List.of(TopicNames.inbox("DE")));
            List<String> received = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                de.poll(Duration.ofMillis(200)).forEach(r -> received.add(((SharedSignal) r.value().getPayload()).getSignalId()));
                return received.contains(signal.getId());
            });
            // no authorization failure stopped it (a follow-up rebalance may still be running, which is fine)
            assertThat(router.state().isRunningOrRebalancing()).as("router state %s", router.state()).isTrue();
        }
    }
}
