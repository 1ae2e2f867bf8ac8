package io.aegis.replay.cli;

import io.aegis.policy.MembersYaml;
import io.aegis.kafka.security.KafkaSecurityConfig;
import io.aegis.kafka.security.SaslMechanism;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.support.CliRunner;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioProducer;
import io.aegis.router.admin.AclCommand;
import io.aegis.testsupport.kafka.KafkaCluster;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's grants of {@code infra/acls.yaml} at work on a broker that enforces them (SASL/SCRAM,
 * the KRaft StandardAuthorizer, deny unless granted): {@code User:aegis-operator} replays a case and
 * archives into the sandbox, but reads no inbox, and {@code verify} then names each inbox it could
 * not read instead of passing as if it had checked them. An auditor given the inboxes on top sees a
 * complete check. Matters because the operator is a network role and the inboxes are each
 * member's own.
 */
@Tag("integration")
@Timeout(240)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorAclIT {

    private static final Path INFRA = Path.of("../../infra");
    private static final String ADMIN = "plain-admin";
    private static final String FROM = "2026-11-20T09:00:00Z";
    private static final String TO = "2026-11-20T11:00:00Z";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Scenario scenario = new Scenario();
    private KafkaClusterTestKit kit;
    private Path workingDir;
    private Path members;

    @BeforeAll
    void recordScenarioOnSecuredBroker(@TempDir Path dir) throws Exception {
        workingDir = dir;
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(1)
                .setBrokerListenerName(new ListenerName("EXTERNAL"))
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        Map<String, Object> broker = new HashMap<>(Map.of(
                "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.external.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found", "false",
                // The controller listener is PLAINTEXT and reachable only by the brokers.
                "super.users", "User:" + ADMIN + ";User:ANONYMOUS"));
        broker.putAll(Map.of("offsets.topic.replication.factor", "1", "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1", "offsets.topic.num.partitions", "1",
                "transaction.state.log.num.partitions", "1", "auto.create.topics.enable", "false"));
        broker.forEach(builder::setConfigProp);
        kit = builder.build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();

        try (Admin admin = Admin.create(client("PLAIN", ADMIN, ADMIN + "-secret"))) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (String user : List.of("aegis-operator", "aegis-auditor")) {
                users.add(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), user + "-secret"));
            }
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            List<AclBinding> plan = AclCommand.plan(INFRA.resolve("acls.yaml"), MembersYaml.load(INFRA.resolve("members.yaml")));
            AclCommand.apply(admin, plan, System.out);
            AclCommand.apply(admin, auditor(plan), System.out);
        }
        // The controller acknowledges new credentials before the broker has them: a login right away may fail.
        for (String user : List.of("aegis-operator", "aegis-auditor")) {
            Awaitility.await("SCRAM credentials of " + user + " at the broker").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                        try (Admin probe = Admin.create(client("SCRAM-SHA-256", user, user + "-secret"))) {
                            return probe.describeCluster().clusterId().get(5, TimeUnit.SECONDS) != null;
                        }
                    });
        }
        new ScenarioProducer(new AdminCluster(), registry, "").produce(scenario);
        members = Files.writeString(dir.resolve("members.yaml"), scenario.membersYaml());
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (kit != null) {
            kit.close();
        }
    }

    @Test
    void shouldNameEveryInboxVerifyWasNotAllowedToReadRatherThanPassSilently() {
        // when the operator verifies the range under its own principal
        CliRunner.Result result = cli("aegis-operator").run("verify", "--from", FROM, "--to", TO);

        // then the chains and signatures are checked, no inbox copy is, and the run says which inboxes and why
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("checked audit-chain: 4"), result.out());
        assertTrue(result.out().contains("checked signals: 3"), result.out());
        assertTrue(result.out().contains("checked non-leak: 0"), result.out());
        assertTrue(result.out().contains("UNCHECKED non-leak: "), result.out());
        for (String inbox : List.of(TopicNames.inbox("DE"), TopicNames.inbox("FR"))) {
            assertTrue(result.out().contains("UNCHECKED not read: not authorized to describe or read topic " + inbox),
                    result.out());
        }
        assertTrue(result.out().contains("an auditor, see docs/runbook-operator.md"), result.out());
        assertTrue(result.out().contains("(incomplete, see UNCHECKED)"), result.out());
        assertFalse(result.out().contains("VIOLATION"), result.out());
    }

    @Test
    void shouldFailAVerifyThatMustBeCompleteWhenInboxesAreNotReadable() {
        CliRunner.Result result = cli("aegis-operator").run("verify", "--from", FROM, "--to", TO, "--require-complete");

        assertEquals(3, result.exitCode(), result.toString());
    }

    @Test
    void shouldCheckEveryInboxCopyUnderAnAuditorGrantedTheInboxes() {
        // given the deployment's auditor: the operator's grants plus READ and DESCRIBE on aegis.inbox.*
        CliRunner.Result result = cli("aegis-auditor").run("verify", "--from", FROM, "--to", TO, "--require-complete");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("checked non-leak: 3"), result.out());
        assertFalse(result.out().contains("UNCHECKED"), result.out());
    }

    @Test
    void shouldReplayCaseUnderOperatorGrantsWithNotificationsAndCommandsButNoInbox() throws IOException {
        // when
        Path out = workingDir.resolve("timeline");
        CliRunner.Result result = cli("aegis-operator").run("timeline", "--case", Scenario.CASE_ID, "--out", out.toString());

        // then the case side is complete and the report says the inboxes were not read
        assertEquals(0, result.exitCode(), result.toString());
        String json = Files.readString(out.resolve("case-case-1.json"));
        assertTrue(json.contains("\"NOTIFICATION\"") && json.contains("\"COMMAND\"") && json.contains("\"SIGNAL\""), json);
        assertFalse(json.contains("\"DELIVERY\""), "no inbox copy can be in the report: " + json);
        assertTrue(result.out().contains("note: not read: not authorized to describe or read topic aegis.inbox.DE"),
                result.out());
    }

    @Test
    void shouldImportIntoTheSandboxButNeverIntoALiveTopic() {
        // given an archive of the routing audit, exported under the operator's grants
        Path archive = workingDir.resolve("audit.avro");
        CliRunner operator = cli("aegis-operator");
        CliRunner.Result exported = operator.run("export", "--topic", TopicNames.ROUTING_AUDIT, "--file", archive.toString());
        assertEquals(0, exported.exitCode(), exported.toString());

        // when it is imported into the sandbox, and once more forced into the live topic
        CliRunner.Result sandboxed = operator.run("import", "--file", archive.toString());
        CliRunner.Result live = operator.run("import", "--file", archive.toString(), "--target", TopicNames.ROUTING_AUDIT,
                "--allow-live");

        // then the sandbox copy is made and the broker refuses the live write
        assertEquals(0, sandboxed.exitCode(), sandboxed.toString());
        assertTrue(sandboxed.out().contains("imported 4 records") && sandboxed.out().contains("sandbox." + TopicNames.ROUTING_AUDIT),
                sandboxed.out());
        assertEquals(3, live.exitCode(), live.toString());
        assertTrue(live.err().contains("not authorized to write topic " + TopicNames.ROUTING_AUDIT), live.err());
    }

    private CliRunner cli(String user) {
        try {
            Path config = workingDir.resolve(user + ".properties");
            Files.writeString(config, String.join("\n",
                    "kafka.security.protocol=SASL_PLAINTEXT",
                    "kafka.sasl.mechanism=SCRAM-SHA-256",
                    "kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                            + user + "\" password=\"" + user + "-secret\";", ""));
            return new CliRunner(kit.bootstrapServers(), registry, workingDir)
                    .with("--config", config.toString(), "--members-file", members.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The auditor a deployment may appoint (docs/runbook-operator.md): the operator's grants and every inbox. */
    private static List<AclBinding> auditor(List<AclBinding> plan) {
        List<AclBinding> grants = new ArrayList<>();
        for (AclBinding binding : plan) {
            if (binding.entry().principal().equals("User:aegis-operator")) {
                grants.add(new AclBinding(binding.pattern(), new AccessControlEntry("User:aegis-auditor",
                        binding.entry().host(), binding.entry().operation(), binding.entry().permissionType())));
            }
        }
        ResourcePattern inboxes = new ResourcePattern(ResourceType.TOPIC, TopicNames.INBOX_PREFIX, PatternType.PREFIXED);
        for (AclOperation operation : Set.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            grants.add(new AclBinding(inboxes, new AccessControlEntry("User:aegis-auditor", "*", operation,
                    AclPermissionType.ALLOW)));
        }
        return grants;
    }

    private Map<String, Object> client(String mechanism, String user, String password) {
        Map<String, Object> props = new HashMap<>(new KafkaSecurityConfig(SecurityProtocol.SASL_PLAINTEXT,
                SaslMechanism.parse(mechanism), user, password, null, null, null, true).toProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers());
        return props;
    }

    /** The secured broker as the scenario producer needs it, under the super-user: topics and a byte producer. */
    private final class AdminCluster implements KafkaCluster {

        @Override
        public String bootstrapServers() {
            return kit.bootstrapServers();
        }

        @Override
        public int brokerCount() {
            return 1;
        }

        @Override
        public Admin admin() {
            return Admin.create(client("PLAIN", ADMIN, ADMIN + "-secret"));
        }

        @Override
        public Map<String, Object> producerProps() {
            Map<String, Object> props = client("PLAIN", ADMIN, ADMIN + "-secret");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            return props;
        }

        @Override
        public void createTopic(String name, int partitions, int replicationFactor) {
            throw new UnsupportedOperationException("not needed by the scenario producer");
        }

        @Override
        public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
            throw new UnsupportedOperationException("not needed by the scenario producer");
        }

        @Override
        public Set<String> topicNames() {
            throw new UnsupportedOperationException("not needed by the scenario producer");
        }

        @Override
        public Map<String, Object> consumerProps(String groupId) {
            throw new UnsupportedOperationException("not needed by the scenario producer");
        }

        @Override
        public void stopBroker(int brokerId) {
            throw new UnsupportedOperationException("not needed by the scenario producer");
        }

        @Override
        public void restartBroker(int brokerId) {
            throw new UnsupportedOperationException("not needed by the scenario producer");
        }

        @Override
        public void close() {
        }
    }
}
