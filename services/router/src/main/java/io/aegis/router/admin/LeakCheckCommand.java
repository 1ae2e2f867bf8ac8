package io.aegis.router.admin;

import io.aegis.kafka.crypto.CanonicalHash;
import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.RegistryCredentials;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.policy.Members;
import io.aegis.policy.MembersYaml;
import io.aegis.policy.leak.DisclosureChecker;
import io.aegis.router.config.AvroTrust;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every inbox (signal and case copies), every outbox, the published policies and the routing
 * audit to their current end and runs {@link LeakCheck}. Usage:
 * {@code LeakCheckCommand --bootstrap HOST:PORT --registry URL [--registry-username USER] [--members infra/members.yaml]};
 * exit code 1 on any finding. Registry credentials, when the registry needs them: the user from
 * {@code --registry-username} or {@code AEGIS_REGISTRY_USERNAME}, the password only from
 * {@code AEGIS_REGISTRY_PASSWORD} (never a command-line argument, which any local user could read).
 * It only reads: schemas are looked up, never registered.
 */
@Command(name = "leak-check", mixinStandardHelpOptions = true,
        description = "Check every inbox copy and case copy against the recorded policies and routing audit; exit 1 on a finding.")
public final class LeakCheckCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers")
    String bootstrap;

    @Option(names = "--registry", paramLabel = "URL", defaultValue = "http://localhost:8081", description = "Schema registry (default ${DEFAULT-VALUE})")
    String registry;

    @Option(names = "--registry-username", paramLabel = "USER", defaultValue = "${env:AEGIS_REGISTRY_USERNAME}",
            description = "Schema registry user (aegis.registry.username; default $AEGIS_REGISTRY_USERNAME); the password comes from $AEGIS_REGISTRY_PASSWORD")
    String registryUsername;

    @Option(names = "--members", paramLabel = "FILE", defaultValue = "infra/members.yaml", description = "Member list (default ${DEFAULT-VALUE})")
    Path membersFile;

    /** The environment the password is read from ({@code AEGIS_REGISTRY_PASSWORD}); replaced in tests. */
    Map<String, String> environment = System.getenv();

    /** Where the registry password is read from: {@value RegistryCredentials#PASSWORD_KEY} in environment form. */
    static final String PASSWORD_ENV = "AEGIS_REGISTRY_PASSWORD";

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new LeakCheckCommand()).execute(args));
    }

    @Override
    public Integer call() {
        Map<String, Object> clients = new HashMap<>();
        clients.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        HttpSchemaRegistryClient registryClient = HttpSchemaRegistryClient.create(registry, registryUsername,
                environment.get(PASSWORD_ENV));
        LeakCheck.Report report = run(clients, new Topics(new SerdeFactory(registryClient, false)), MembersYaml.load(membersFile));
        System.out.printf("checked %d inbox copies against %d routing decisions%n", report.copiesChecked(), report.decisionsChecked());
        report.findings().forEach(System.out::println);
        report.unchecked().forEach(u -> System.out.println("unchecked: " + u));
        System.out.println(report.clean() ? "no leak found" : report.findings().size() + " finding(s)");
        return report.clean() ? 0 : 1;
    }

    /** Reads the topics (read_committed, from the beginning, to the end offsets) and checks them. */
    public static LeakCheck.Report run(Map<String, Object> clients, Topics topics, Members members) {
        LeakCheck.Evidence evidence = new LeakCheck.Evidence(new TreeMap<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(clients)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(30)).forEach((topic, infos) -> {
                if (TopicNames.INBOX_PATTERN.matcher(topic).matches() || TopicNames.OUTBOX_PATTERN.matcher(topic).matches()
                        || topic.equals(TopicNames.ROUTING_AUDIT) || topic.equals(TopicNames.POLICIES)) {
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    collect(r, topics, evidence);
                }
            }
        }
        return LeakCheck.check(members, evidence);
    }

    private static void collect(ConsumerRecord<byte[], byte[]> r, Topics topics, LeakCheck.Evidence evidence) {
        if (r.value() == null) {
            return;
        }
        if (r.topic().equals(TopicNames.ROUTING_AUDIT)) {
            evidence.auditPartitions().computeIfAbsent(r.partition(), p -> new ArrayList<>())
                    .add(topics.routingAudit().valueDeserializer().deserialize(r.topic(), r.value()));
        } else if (r.topic().equals(TopicNames.POLICIES)) {
            evidence.policies().add(topics.policies().valueDeserializer().deserialize(r.topic(), r.value()));
        } else if (TopicNames.OUTBOX_PATTERN.matcher(r.topic()).matches()) {
            Object payload;
            try {
                payload = topics.outbox(TopicNames.countryOf(r.topic())).valueDeserializer().deserialize(r.topic(), r.value()).getPayload();
            } catch (RuntimeException undecodable) {
                return; // the router sent it to the DLQ and routed nothing from it; copies are checked without it
            }
            if (payload instanceof ThreatSignal signal && CanonicalHash.contentHash(signal.getContent()).equals(signal.getContentHash())) {
                evidence.signals().add(signal); // a tampered one was DLQ'd by the router and never routed
            } else if (payload instanceof Retraction change) {
                evidence.changes().add(change);
            }
        } else {
            InboxEvent event = topics.inbox(TopicNames.countryOf(r.topic())).valueDeserializer().deserialize(r.topic(), r.value());
            if (event.getPayload() instanceof SharedSignal copy) {
                evidence.copies().add(new LeakCheck.InboxCopy(TopicNames.countryOf(r.topic()), r.topic(), r.partition(), r.offset(),
                        r.timestamp(), copy));
            } else if (event.getPayload() instanceof EmergencyCase copy) {
                evidence.caseCopies().add(new DisclosureChecker.CaseCopy(TopicNames.countryOf(r.topic()),
                        r.topic() + "-" + r.partition() + "@" + r.offset(), copy));
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clients) {
        Properties props = new Properties();
        props.putAll(clients);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "aegis-replay-leak-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
