package io.aegis.replay;

import io.aegis.kafka.avro.AvroTrust;
import io.aegis.replay.cli.ContextFactory;
import io.aegis.replay.cli.ExportCommand;
import io.aegis.replay.cli.ImportCommand;
import io.aegis.replay.cli.ReplayContext;
import io.aegis.replay.cli.TimelineCommand;
import io.aegis.replay.cli.VerifyCommand;
import io.aegis.replay.cli.WhatIfCommand;
import io.aegis.replay.config.ConfigLoader;
import io.aegis.replay.config.OperatorConfig;
import io.aegis.replay.messaging.Namespace;
import io.aegis.replay.messaging.ProgressReporter;
import io.aegis.replay.messaging.TerminalProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The operator CLI: after-action timelines, what-if re-runs of escalation rules, evidence
 * verification, and topic archives. Connection settings come from a config file, the environment
 * and these options (see {@link ConfigLoader}). Exit codes: 0 success, 1 violations or
 * differences found, 2 bad usage or configuration, 3 missing topic, empty range or no permission,
 * 4 broker, registry or I/O failure.
 */
@Command(name = "aegis-ops", mixinStandardHelpOptions = true, version = "aegis-ops 0.1.0",
        description = "Aegis operator CLI: replay topics for after-action review, what-if rule runs, integrity audit.",
        subcommands = {TimelineCommand.class, WhatIfCommand.class, VerifyCommand.class, ExportCommand.class,
                ImportCommand.class})
public final class AegisCli implements Callable<Integer> {

    @Option(names = "--config", scope = ScopeType.INHERIT, description = "Config file (YAML or properties); default $AEGIS_CONFIG")
    Path configFile;

    @Option(names = "--bootstrap-servers", scope = ScopeType.INHERIT, description = "Kafka bootstrap servers (kafka.bootstrap.servers)")
    String bootstrapServers;

    @Option(names = "--registry-url", scope = ScopeType.INHERIT, description = "Schema registry URL (aegis.registry.url)")
    String registryUrl;

    @Option(names = "--members-file", scope = ScopeType.INHERIT, description = "members.yaml with origin public keys (aegis.members-file)")
    String membersFile;

    @Option(names = "--namespace", scope = ScopeType.INHERIT, defaultValue = "",
            description = "Prefix of the topics to read, e.g. 'sandbox.' for an imported copy; default the live topics")
    String namespace;

    @Option(names = "--no-progress", scope = ScopeType.INHERIT, description = "Do not draw progress bars on stderr")
    boolean noProgress;

    private final ContextFactory factory;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;
    private ReplayContext context;

    public AegisCli(ContextFactory factory, Map<String, String> environment, Path workingDir, Clock clock,
                    PrintStream out, PrintStream err) {
        this.factory = factory;
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        AvroTrust.trustContracts();
        AegisCli cli = new AegisCli(ContextFactory.HTTP, System.getenv(), home(), Clock.systemUTC(), System.out, System.err);
        System.exit(cli.execute(args));
    }

    /**
     * Where the embedded devstack's {@code var/devstack.json} and {@code infra/} are looked for: the
     * working directory when it holds a devstack, otherwise the repository the {@code ./aegis-ops}
     * launcher runs from (system property {@code aegis.root}), so the CLI works from any directory.
     */
    static Path home() {
        Path cwd = Path.of("").toAbsolutePath();
        String root = System.getProperty("aegis.root");
        if (root == null || java.nio.file.Files.exists(cwd.resolve("var/devstack.json"))) {
            return cwd;
        }
        return Path.of(root).toAbsolutePath();
    }

    /** Runs one command line and returns its exit code; closes every client it opened. */
    public int execute(String... args) {
        CommandLine commandLine = new CommandLine(this);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            err.println("aegis-ops: " + failure.getMessage());
            return failure instanceof ReplayException replay ? replay.exitCode() : ReplayException.FAILURE;
        });
        try {
            return commandLine.execute(args);
        } finally {
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    /** The context of this run, built on first use from the configuration. */
    public ReplayContext context() {
        if (context == null) {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("kafka.bootstrap.servers", bootstrapServers);
            overrides.put(OperatorConfig.REGISTRY_URL, registryUrl);
            overrides.put(OperatorConfig.MEMBERS_FILE, membersFile);
            OperatorConfig config = new ConfigLoader(environment, workingDir).load(configFile, overrides);
            ProgressReporter progress = noProgress ? ProgressReporter.NONE : new TerminalProgress(err);
            context = new ReplayContext(config, factory.registry(config), progress, new Namespace(namespace), out, clock);
        }
        return context;
    }

    /**
     * What a command that needs no broker (verification of archives) gets: the members file (the
     * {@code --members-file} option, else the configuration's, if one loads), the namespace, output
     * and clock. Never connects anywhere.
     */
    public OfflineContext offline() {
        Optional<Path> members = Optional.ofNullable(membersFile).map(workingDir::resolve);
        if (members.isEmpty()) {
            try {
                members = new ConfigLoader(environment, workingDir).load(configFile, Map.of()).members();
            } catch (ReplayException e) {
                members = Optional.empty(); // no configuration: signatures are then reported as not checked
            }
        }
        return new OfflineContext(members.filter(java.nio.file.Files::isReadable).map(io.aegis.replay.verify.MemberKeys::members),
                new Namespace(namespace), out, clock);
    }

    /** See {@link #offline()}. */
    public record OfflineContext(Optional<io.aegis.policy.Members> members, Namespace namespace, PrintStream out, Clock clock) {
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(err);
        return ReplayException.USAGE;
    }
}
