package io.aegis.devstack.broker;

import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.StackSecrets;
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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * Runs the devstack's Kafka broker as its own process ({@code kafka.Kafka} from the devstack
 * classpath). Invariants: the log directory under {@code var/kafka/data} is formatted once,
 * with a cluster id kept in {@code var/kafka/cluster.id} and the administrator's and broker's
 * SCRAM credentials written into the metadata at format time (so the secured broker can be
 * administered from its first start); a restart reuses both, so data survives
 * {@code down}/{@code up}. Data formatted by an unsecured release is refused with what to do.
 */
public final class BrokerRunner {

    public static final String NAME = "broker";

    /** Written next to the data once it was formatted with SCRAM credentials. */
    private static final String SECURED_MARKER = "secured";

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

    /** Writes the configuration, formats the storage on first use, starts the broker process. */
    public ProcessHandle start() throws IOException {
        Path config = kafkaDir().resolve("server.properties");
        Path data = kafkaDir().resolve("data");
        Files.createDirectories(data);
        Files.deleteIfExists(config);
        StackSecrets.ownerOnly(Files.createFile(config));
        Files.writeString(config, BrokerConfig.render(BrokerConfig.properties(settings.brokerPort(),
                settings.controllerPort(), data, security())));
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(config);
            Files.writeString(kafkaDir().resolve(SECURED_MARKER), "SCRAM-SHA-512\n");
        } else if (!Files.exists(kafkaDir().resolve(SECURED_MARKER))) {
            throw new IOException(data + " was formatted by an earlier Aegis whose broker had no authentication, so it has"
                    + " no administrator login; stop the stack (./aegis down) and move or delete " + kafkaDir()
                    + " (its topics are lost), then ./aegis up starts a secured broker");
        }
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(io.aegis.devstack.process.JitMode.flags());
        command.addAll(List.of("-Xshare:auto", ProcessSupervisor.markerFlag(NAME),
                "-Dlogback.configurationFile=logback-broker.xml", "-cp", classpath, "kafka.Kafka", config.toString()));
        return supervisor.start(NAME, command, settings.root(), Map.of());
    }

    /** Waits until the broker answers a metadata request. */
    public HealthProbe.Result awaitReady(ProcessHandle process, Duration timeout) {
        Properties props = new Properties();
        props.putAll(logins.admin());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            return HealthProbe.await(() -> answers(admin), process::isAlive, timeout);
        }
    }

    private static boolean answers(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                    .get(3, TimeUnit.SECONDS).isEmpty();
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
