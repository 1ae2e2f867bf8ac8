package io.aegis.devstack.e2e;

import io.aegis.devstack.domain.StackSecrets;
import io.aegis.devstack.security.StackLogins;

import io.aegis.devstack.bench.IsolatedStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator CLI run the way an operator runs it: the repository's {@code ./aegis-ops} script as
 * a process of its own (it builds the CLI on first use), pointed at a stack only through the
 * documented environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code AEGIS_REGISTRY_URL},
 * {@code AEGIS_MEMBERS_FILE}); no {@code KAFKA_*} or {@code AEGIS_*} variable of the test's own
 * environment leaks in. Each run's combined output is kept as a file in the working directory.
 */
final class OperatorCli {

    /** A finished run: exit code, combined stdout and stderr, and wall time. */
    record Result(int exitCode, String output, Duration took) {
    }

    /** Light JVM settings for a 2-core machine that also runs the whole stack. */
    private static final String JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m";

    private final Path root;
    private final Path workDir;
    private final Map<String, String> environment;
    private final AtomicInteger runs = new AtomicInteger();

    private OperatorCli(Path root, Path workDir, Map<String, String> environment) {
        this.root = root;
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
    }

    /** The CLI of the repository at {@code root}, configured for no cluster yet (enough to build it). */
    static OperatorCli of(Path root, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        return new OperatorCli(root, workDir, Map.of("AEGIS_OPS_JAVA_OPTS", JAVA_OPTS));
    }

    /**
     * The same CLI pointed at the broker, registry and members file of {@code stack}, logged in
     * with {@code kafka} (client properties with the SASL login: the operator's, or an auditor's)
     * and the operator's registry user, all through the documented environment variables.
     */
    OperatorCli against(IsolatedStack stack, Map<String, Object> kafka) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of("AEGIS_OPS_JAVA_OPTS", JAVA_OPTS,
                "KAFKA_BOOTSTRAP_SERVERS", stack.settings().bootstrapServers(),
                "AEGIS_REGISTRY_URL", stack.settings().registryUrl(),
                "AEGIS_MEMBERS_FILE", stack.membersFile().toString(),
                "AEGIS_REGISTRY_USERNAME", StackLogins.OPERATOR,
                "AEGIS_REGISTRY_PASSWORD", stack.logins().password(StackSecrets.Realm.REGISTRY, StackLogins.OPERATOR)));
        for (String key : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config")) {
            env.put("KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), String.valueOf(kafka.get(key)));
        }
        return new OperatorCli(root, workDir, env);
    }

    /** Runs {@code ./aegis-ops --no-progress ARGS}; a run still going after {@code timeout} is killed and fails. */
    Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("aegis-ops").toString(), "--no-progress"));
        command.addAll(List.of(args));
        Path log = workDir.resolve("aegis-ops-" + runs.incrementAndGet() + "-" + args[0].replace("-", "") + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KAFKA_") || name.startsWith("AEGIS_"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("./aegis-ops " + String.join(" ", args) + " did not finish within " + timeout
                    + "; output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
