package io.aegis.devstack;

import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.demo.DemoScenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of the {@code ./aegis} launcher: {@code up}, {@code down}, {@code status},
 * {@code demo}, {@code drill}, ... The repository root comes from {@code -Daegis.root} (the launcher sets it),
 * else the working directory; ports and nodes from the {@code AEGIS_*} environment variables.
 * Exit status 0 on success, 1 on a failure (printed without a stack trace), 2 on bad usage.
 */
public final class DevStack {

    static final String USAGE = """
            usage: ./aegis <command>
              up [--rebuild] [--brokers 1|3]
                              build what is missing, start broker(s), registry, services and demo nodes
                              (--brokers 3: a three-broker KRaft cluster, replication 3, min.insync.replicas 2;
                              the count is kept with the data under var/kafka)
              broker stop|start N
                              stop or start broker N of a running stack (its data stays), e.g. for fault tests
              demo            play the cross-border deepfake-fraud scenario through the node APIs
              drill [--rate=20] [--phase-seconds=20] [--settle-seconds=90] [--kill]
                              fault drill on the running three-broker stack: load through the node APIs while
                              broker 2 and then the router, escalation and response are stopped and started;
                              prints per phase accepted, delivered per inbox, duplicated, lost, escalations and
                              notifications; exits 1 on any loss or duplicate (--kill: SIGKILL, as a crash)
              status          show each component: pid, port, health
              down            stop everything ./aegis up started (data is kept under var/)
              manifests       regenerate infra/k8s/kafka-topics.yaml and kafka-users.yaml from infra/
              topics --bootstrap HOST:PORT [--command-config FILE] [--infra DIR] [--check]
                              create or check the planned topics on any cluster
              users --bootstrap HOST:PORT [--command-config FILE] [--infra DIR]
                              give every principal of infra/acls.yaml its SCRAM-SHA-512 login on any cluster
                              (each password from <PRINCIPAL>_KAFKA_PASSWORD, e.g. NODE_FR_KAFKA_PASSWORD)
              schemas --registry URL --user USER [--infra DIR]
                              register every topic's schema as the registry administrator USER
                              (password from AEGIS_REGISTRY_PASSWORD)
              bench [--rate=2000] [--seconds=60] [--warmup=20] [--batch=50]
                              POST at a node -> duty officer's notification latency (p50/p99) under load,
                              on an isolated stack of its own, beside the raw produce->consume latency
            environment: AEGIS_BROKER_PORT (9092), AEGIS_CONTROLLER_PORT (9093), AEGIS_REGISTRY_PORT (8081),
              AEGIS_ROUTER_PORT (8091), AEGIS_ESCALATION_PORT (8092), AEGIS_RESPONSE_PORT (8093),
              AEGIS_NODE_PORT (8101, first node), AEGIS_NODES (FR,DE,JP,BR,KE), AEGIS_HEAP (320m), AEGIS_VAR_DIR (var),
              AEGIS_BROKERS (1; broker N listens on AEGIS_BROKER_PORT + 2(N-1), its controller likewise)
            """;

    private DevStack() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("-h") || args.contains("--help") || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        try {
            Path root = Path.of(System.getProperty("aegis.root", ".")).toAbsolutePath().normalize();
            StackSettings settings = StackSettings.fromEnvironment(root, System.getenv());
            Integer requested = args.get(0).equals("up") ? brokersOption(args.subList(1, args.size())) : null;
            if (requested == null && System.getenv("AEGIS_BROKERS") != null) {
                requested = settings.brokers();
            }
            return dispatch(args, withRecordedBrokers(settings, requested), out, err);
        } catch (StackException | IllegalArgumentException e) {
            err.println("aegis: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("aegis: interrupted");
            return 1;
        } catch (Exception e) {
            err.println("aegis: " + e);
            return 1;
        }
    }

    private static int dispatch(List<String> args, StackSettings settings, PrintStream out, PrintStream err)
            throws Exception {
        String command = args.get(0);
        List<String> options = args.subList(1, args.size());
        switch (command) {
            case "up" -> {
                requireOptions(options.stream().filter(o -> !o.matches("[0-9]+")).toList(), List.of("--rebuild", "--brokers"));
                new Stack(settings, out).up(options.contains("--rebuild"));
                return 0;
            }
            case "broker" -> {
                if (options.size() != 2 || !List.of("stop", "start").contains(options.get(0))
                        || !options.get(1).matches("[0-9]+")) {
                    throw new IllegalArgumentException("usage: ./aegis broker stop|start N (N from 1 to the stack's broker count)");
                }
                int node = Integer.parseInt(options.get(1));
                if (options.get(0).equals("stop")) {
                    new StackControl(settings, out).stopBroker(node);
                } else {
                    new Stack(settings, out).startBroker(node);
                }
                return 0;
            }
            case "down" -> {
                requireOptions(options, List.of());
                new StackControl(settings, out).down();
                return 0;
            }
            case "status" -> {
                requireOptions(options, List.of());
                return new StackControl(settings, out).status() ? 0 : 1;
            }
            case "manifests" -> {
                requireOptions(options, List.of());
                for (Path file : new io.aegis.devstack.infra.ManifestFiles(settings.infraDir()).write()) {
                    out.println("wrote " + settings.root().relativize(file));
                }
                return 0;
            }
            case "topics" -> {
                return new io.aegis.devstack.infra.TopicsCommand(out).run(options, settings.infraDir()) ? 0 : 1;
            }
            case "users" -> {
                return new io.aegis.devstack.infra.UsersCommand(out, System.getenv()).run(options, settings.infraDir())
                        ? 0 : 1;
            }
            case "schemas" -> {
                new io.aegis.devstack.infra.SchemasCommand(out, System.getenv()).run(options, settings.infraDir());
                return 0;
            }
            case "demo" -> {
                requireOptions(options, List.of());
                return new DemoScenario(settings, out).play() ? 0 : 1;
            }
            case "drill" -> {
                io.aegis.devstack.drill.DrillOptions drill = io.aegis.devstack.drill.DrillOptions.parse(options);
                return new io.aegis.devstack.drill.FaultDrill(settings, drill, out).run() ? 0 : 1;
            }
            case "bench" -> {
                return io.aegis.devstack.bench.LatencyBench.run(options, out) ? 0 : 1;
            }
            default -> {
                err.print("aegis: unknown command '" + command + "'\n" + USAGE);
                return 2;
            }
        }
    }

    /** The value of {@code --brokers N} among {@code up}'s options, or null when absent. */
    static Integer brokersOption(List<String> options) {
        int at = options.indexOf("--brokers");
        if (at < 0) {
            return null;
        }
        if (at + 1 >= options.size() || !options.get(at + 1).matches("[0-9]+")) {
            throw new IllegalArgumentException("--brokers needs a count, one of " + StackSettings.BROKER_COUNTS);
        }
        return Integer.parseInt(options.get(at + 1));
    }

    /**
     * The settings with the broker count of the stack's data: a stack formatted with N brokers keeps N
     * (a later plain {@code up} restarts N); asking for another count than the data holds is refused.
     */
    static StackSettings withRecordedBrokers(StackSettings settings, Integer requested) throws java.io.IOException {
        java.util.Optional<Integer> recorded = io.aegis.devstack.broker.BrokerRunner.recordedBrokers(settings.varDir());
        int wanted = requested != null ? requested : recorded.orElse(settings.brokers());
        if (recorded.isPresent() && recorded.get() != wanted) {
            throw new IllegalArgumentException(settings.varDir().resolve("kafka") + " holds a cluster of " + recorded.get()
                    + " broker(s), not " + wanted + "; ./aegis down, then move or delete it to start another size");
        }
        return settings.withBrokers(wanted);
    }

    private static void requireOptions(List<String> options, List<String> allowed) {
        for (String option : options) {
            if (!allowed.contains(option)) {
                throw new IllegalArgumentException("unknown option '" + option + "'"
                        + (allowed.isEmpty() ? "; this command takes none" : "; allowed: " + allowed));
            }
        }
    }
}
