package io.aegis.devstack.bench;

import io.aegis.devstack.demo.DemoPolicies;
import io.aegis.devstack.demo.NodeClient;
import io.aegis.devstack.domain.DemoRole;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * End-to-end latency benchmark: starts an isolated devstack (three nodes, every service its own
 * process), offers a sustained background load of signals, and meanwhile measures probes from the
 * POST at a node to the duty officer's notification on the node's SSE stream, beside the raw
 * produce→consume latency of the same broker in the same run. Prints p50/p90/p99 and whether the
 * p99 target (400 ms) was met; exits 0 when it ran, 1 when it could not.
 * Options ({@code --name=value}): {@code rate} (2000 signals/s), {@code batch} (50), {@code seconds}
 * measured (60), {@code warmup} seconds (20), {@code probe-interval} ms (500), {@code port-offset}
 * (14000), {@code var} directory ({@code services/devstack/target/bench-var}).
 */
public final class LatencyBench {

    private static final List<String> COUNTRIES = List.of("FR", "DE", "JP", "BR", "KE");
    private static final double TARGET_P99_MS = 400;
    private static final int WARMUP_PROBES = 4;

    private final Map<String, String> options;
    private final PrintStream out;

    LatencyBench(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args), System.out) ? 0 : 1);
    }

    /**
     * Runs the benchmark with {@code --name=value} options ({@code ./aegis bench}); true when it ran.
     *
     * @throws IllegalArgumentException naming an option that is not of that form
     */
    public static boolean run(List<String> args, PrintStream out) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("bench options are --name=value ([--rate=2000] [--batch=50] [--seconds=60]"
                        + " [--warmup=20] [--probe-interval=500] [--port-offset=14000] [--var=DIR]); got '" + arg + "'");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new LatencyBench(options, out).run();
    }

    boolean run() throws Exception {
        // measured with the C2 compiler (the devstack's quick start stops at C1), unless AEGIS_JIT says otherwise
        if (System.getProperty("aegis.jit") == null && System.getenv("AEGIS_JIT") == null) {
            System.setProperty("aegis.jit", "full");
        }
        Path root = IsolatedStack.repositoryRoot();
        Path var = options.containsKey("var") ? Path.of(options.get("var"))
                : root.resolve("services/devstack/target/bench-var");
        try (IsolatedStack stack = IsolatedStack.start(root, var, number("port-offset", 14_000),
                COUNTRIES, out)) {
            return measure(stack);
        }
    }

    private boolean measure(IsolatedStack stack) throws Exception {
        int rate = number("rate", 2000);
        Duration measured = Duration.ofSeconds(number("seconds", 60));
        BenchSignals signals = new BenchSignals(Long.toString(System.currentTimeMillis(), 36));
        Map<String, BlockingQueue<SseSubscription.Event>> caseOpened = new LinkedHashMap<>();
        List<SseSubscription> streams = new ArrayList<>();
        List<NodeClient> publishers = new ArrayList<>();
        try (RawKafkaLatency raw = new RawKafkaLatency(stack.kafkaAdmin())) {
            for (String country : COUNTRIES) {
                BlockingQueue<SseSubscription.Event> queue = new LinkedBlockingQueue<>();
                caseOpened.put(country, queue);
                streams.add(SseSubscription.open(stack.nodeUrl(country).resolve("/api/v1/notifications/stream"),
                        stack.token(country, DemoRole.OFFICER), e -> {
                            if ("CASE_OPENED".equals(e.data().get("kind"))) {
                                queue.add(e);
                            }
                        }));
                publishers.add(stack.network().client(country, DemoRole.PUBLISHER));
            }
            // the generator copies its publisher list, so it is made once every node has one
            try (LoadGenerator load = new LoadGenerator(publishers, signals, rate, number("batch", 50))) {
                return measureUnderLoad(stack, signals, raw, load, caseOpened, rate, measured);
            }
        } finally {
            streams.forEach(s -> s.failure().ifPresent(e -> out.println("an officer stream failed: " + e)));
            streams.forEach(SseSubscription::close);
        }
    }

    private boolean measureUnderLoad(IsolatedStack stack, BenchSignals signals, RawKafkaLatency raw, LoadGenerator load,
                                     Map<String, BlockingQueue<SseSubscription.Event>> caseOpened, int rate,
                                     Duration measured) throws Exception {
        ProbeRunner runner = new ProbeRunner(stack.network(), caseOpened, Duration.ofSeconds(20), Duration.ofMillis(300));
        List<BenchSignals.Probe> probes = new ArrayList<>(signals.probes(
                reportersFirst(IsolatedStack.repositoryRoot().resolve("infra").resolve("policies"), COUNTRIES)));
        raw.start(500);
        load.start();
        out.printf(Locale.ROOT, "%nWarming up for %d s under %d signals/s ...%n", number("warmup", 20), rate);
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(number("warmup", 20)).toNanos();
        for (int i = 0; i < WARMUP_PROBES && !probes.isEmpty(); i++) {
            runner.run(probes.remove(0));
        }
        sleepUntil(warmupEnd);
        Map<String, Percentiles> byKind = new LinkedHashMap<>(Map.of("single", new Percentiles(),
                "three-country", new Percentiles()));
        Percentiles all = new Percentiles();
        int missed = 0;
        long acceptedBefore = load.accepted();
        long droppedBefore = load.dropped();
        long start = System.nanoTime();
        long end = start + measured.toNanos();
        long interval = Duration.ofMillis(number("probe-interval", 500)).toNanos();
        raw.measure();
        out.printf(Locale.ROOT, "Measuring for %d s ...%n", measured.toSeconds());
        for (long next = start; System.nanoTime() < end && !probes.isEmpty(); next += interval) {
            sleepUntil(next);
            BenchSignals.Probe probe = probes.remove(0);
            Optional<Long> latency = runner.run(probe);
            if (latency.isPresent()) {
                all.add(latency.get());
                byKind.get(probe.name().startsWith("single") ? "single" : "three-country").add(latency.get());
            } else {
                missed++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        raw.stopMeasuring();
        long sustained = Math.round((load.accepted() - acceptedBefore) / seconds);
        new BenchReport(out).print(new BenchReport.Figures(rate, sustained, load.dropped() - droppedBefore,
                load.rejected(), load.lastFailure(), seconds, all, byKind, missed, raw.latency(), TARGET_P99_MS));
        // a probe without its notification is a case nobody heard of: the run fails, whatever the figures
        if (missed > 0) {
            out.printf(Locale.ROOT, "FAILED: %d probe(s) got no notification within 20 s%n", missed);
        }
        return all.count() > 0 && missed == 0;
    }

    /**
     * The countries in the order the probes use them (the first three report, the third's report is
     * timed and its officer watched): those whose sharing policy names their signals to the coordination
     * centre first ({@link DemoPolicies#namedFirst}). A COUNT_ONLY origin's signal is counted but never
     * named on a case — not even on its own copy — so a probe timed on it could never be matched to the
     * case it opened (the "missed" probes of earlier runs were the three-country probes timed on JP, whose
     * policy is COUNT_ONLY).
     */
    static List<String> reportersFirst(Path policyDir, List<String> countries) throws IOException {
        List<String> order = DemoPolicies.namedFirst(policyDir, countries);
        if (order.size() < 3 || DemoPolicies.countOnly(policyDir, order.get(2))) {
            throw new IllegalStateException("the benchmark needs three countries whose policies name their signals to the "
                    + "coordination centre (not COUNT_ONLY); " + policyDir + " gives " + order);
        }
        return order;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private int number(String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    static Optional<String> cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.exists(cpuinfo)) {
            return Optional.empty();
        }
        return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    }
}
