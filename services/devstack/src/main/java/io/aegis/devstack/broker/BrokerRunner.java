package io.aegis.devstack.broker;

import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.SecretFiles;
import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.devstack.security.StackLogins;
import io.aegis.devstack.process.HealthProbe;
import io.aegis.devstack.process.ProcessSupervisor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * Runs the devstack's Kafka brokers, each as its own process ({@code kafka.Kafka} from the devstack
 * classpath): broker 1 under {@code var/kafka}, brokers 2 and 3 of a three-broker stack under
 * {@code var/kafka/broker-<n>}. Invariants: each log directory is formatted once,
 * with a cluster id kept in {@code var/kafka/cluster.id} and the administrator's and broker's
 * SCRAM credentials written into the metadata at format time (so the secured broker can be
 * administered from its first start); a restart reuses both, so data survives
 * {@code down}/{@code up}. Data formatted by an unsecured release is refused with what to do.
 */
public final class BrokerRunner {

    public static final String NAME = "broker";

    /** Written next to the data once it was formatted with SCRAM credentials. */
    private static final String SECURED_MARKER = "secured";
    /** The cluster's broker count, written when broker 1 is formatted. */
    private static final String BROKERS_FILE = "brokers";

    private final StackSettings settings;
    private final ProcessSupervisor supervisor;
    private final String classpath;
    private final StackLogins logins;

    public BrokerRunner(StackSettings settings, ProcessSupervisor supervisor, String classpath, StackLogins logins) {
        this.settings = settings;
        this.supervisor = supervisor;
        this.classpath = classpath;
        this.logins = logins;
    }

    private Path kafkaDir() {
        return settings.varDir().resolve("kafka");
    }

    /** The supervisor's name of broker {@code node} (1-based): {@code broker}, {@code broker-2}, ... */
    public static String name(int node) {
        return node == 1 ? NAME : NAME + "-" + node;
    }

    /** The broker count recorded when the stack's brokers were first formatted, if they were. */
    public static Optional<Integer> recordedBrokers(Path varDir) throws IOException {
        Path file = varDir.resolve("kafka").resolve(BROKERS_FILE);
        return Files.exists(file) ? Optional.of(Integer.parseInt(Files.readString(file).trim())) : Optional.empty();
    }

    private Path nodeDir(int node) {
        return node == 1 ? kafkaDir() : kafkaDir().resolve("broker-" + node);
    }

    /** Writes the configuration, formats the storage on first use, starts the process of broker {@code node}. */
    public ProcessHandle start(int node) throws IOException {
        if (node < 1 || node > settings.brokers()) {
            throw new IllegalArgumentException("there is no broker " + node + "; this stack has " + settings.brokers());
        }
        Path dir = nodeDir(node);
        Path config = dir.resolve("server.properties");
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        List<BrokerConfig.Ports> cluster = java.util.stream.IntStream.rangeClosed(1, settings.brokers())
                .mapToObj(i -> new BrokerConfig.Ports(settings.brokerPort(i), settings.controllerPort(i))).toList();
        SecretFiles.write(config, BrokerConfig.render(BrokerConfig.properties(node, cluster, data, security())));
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(config);
            Files.writeString(dir.resolve(SECURED_MARKER), "SCRAM-SHA-512\n");
            if (node == 1) {
                Files.writeString(kafkaDir().resolve(BROKERS_FILE), settings.brokers() + "\n");
            }
        } else if (!Files.exists(dir.resolve(SECURED_MARKER))) {
            throw new IOException(data + " was formatted by an earlier Aegis whose broker had no authentication, so it has"
                    + " no administrator login; stop the stack (./aegis down) and move or delete " + kafkaDir()
                    + " (its topics are lost), then ./aegis up starts a secured broker");
        }
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(io.aegis.devstack.process.JitMode.flags());
        command.addAll(List.of("-Xshare:auto", ProcessSupervisor.markerFlag(name(node)),
                "-Dlogback.configurationFile=logback-broker.xml", "-cp", classpath, "kafka.Kafka", config.toString()));
        return supervisor.start(name(node), command, settings.root(), Map.of());
    }

    /** Waits until every broker of the stack is registered in the cluster (while at least one process lives). */
    public HealthProbe.Result awaitReady(List<ProcessHandle> processes, Duration timeout) {
        Properties props = new Properties();
        props.putAll(logins.admin());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            return HealthProbe.await(() -> answers(admin, settings.brokers()),
                    () -> processes.stream().anyMatch(ProcessHandle::isAlive), timeout);
        }
    }

    private static boolean answers(Admin admin, int brokers) {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                    .get(3, TimeUnit.SECONDS).size() >= brokers;
        } catch (Exception e) {
            return false;
        }
    }

    private void format(Path config) throws IOException {
        Path idFile = kafkaDir().resolve("cluster.id");
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(idFile).trim();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(),
                "--ignore-formatted", "--add-scram", scram(StackLogins.ADMIN), "--add-scram", scram(StackLogins.BROKER)}, out);
        }
        if (code != 0) {
            throw new IOException("formatting the broker storage failed (exit " + code + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private String scram(String user) {
        return StackLogins.MECHANISM.kafkaName() + "=[name=" + user + ",password=" + logins.password(Realm.KAFKA, user) + "]";
    }

    private BrokerConfig.Security security() {
        return new BrokerConfig.Security(StackLogins.BROKER, logins.password(Realm.KAFKA, StackLogins.BROKER),
                StackLogins.CONTROLLER, logins.password(Realm.KAFKA, StackLogins.CONTROLLER), StackLogins.ADMIN);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
