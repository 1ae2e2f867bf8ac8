package io.aegis.replay.support;

import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.replay.AegisCli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process against a cluster and a shared in-memory registry, capturing its output. */
public final class CliRunner {

    /** The CLI's "now" in tests: well after the scenario. */
    public static final Instant NOW = Scenario.T0.plusSeconds(86_400);

    private final String bootstrapServers;
    private final SchemaRegistryClient registry;
    private final Path workingDir;
    private final List<String> globalArgs = new ArrayList<>();

    public CliRunner(String bootstrapServers, SchemaRegistryClient registry, Path workingDir) {
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
        this.workingDir = workingDir;
    }

    public CliRunner with(String... args) {
        globalArgs.addAll(List.of(args));
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AegisCli cli = new AegisCli(config -> registry, Map.of(), workingDir, Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers,
                "--registry-url", "http://registry.test", "--no-progress"));
        all.addAll(globalArgs);
        all.addAll(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * @param exitCode the CLI's exit code
     * @param out      what it wrote to stdout
     * @param err      what it wrote to stderr
     */
    public record Result(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
