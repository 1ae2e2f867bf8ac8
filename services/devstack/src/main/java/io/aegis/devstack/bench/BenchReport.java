package io.aegis.devstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Prints the benchmark's figures: machine, load actually sustained, end-to-end and raw Kafka latency, verdict. */
final class BenchReport {

    /** What one run measured. */
    record Figures(int offeredRate, long sustainedRate, long dropped, long rejected, String failures, double seconds,
                   Percentiles endToEnd, Map<String, Percentiles> byKind, int missed, Percentiles raw,
                   double targetP99Millis) {
    }

    private final PrintStream out;

    BenchReport(PrintStream out) {
        this.out = out;
    }

    void print(Figures f) throws IOException {
        out.println();
        out.println("Aegis end-to-end latency: POST /api/v1/signals at a node -> CASE_OPENED on the duty officer's SSE stream");
        out.printf(Locale.ROOT, "machine: %d cores (%s), %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                LatencyBench.cpuModel().orElse("cpu model unknown"), System.getProperty("os.name"),
                System.getProperty("java.version"));
        out.printf(Locale.ROOT, "load: offered %d signals/s, accepted %d signals/s over %.0f s (dropped unsent %d, "
                + "refused %d, %s)%n", f.offeredRate(), f.sustainedRate(), f.seconds(), f.dropped(), f.rejected(), f.failures());
        out.printf(Locale.ROOT, "end to end   : %s, missed (no notification within 20 s) %d%n", f.endToEnd().summary(),
                f.missed());
        f.byKind().forEach((kind, p) -> out.printf(Locale.ROOT, "  %-13s: %s%n", kind, p.summary()));
        out.printf(Locale.ROOT, "raw Kafka    : %s (produce -> consume, same broker, same run)%n", f.raw().summary());
        double p99 = f.endToEnd().millis(99);
        boolean met = p99 <= f.targetP99Millis() && f.missed() == 0 && f.sustainedRate() >= f.offeredRate() * 0.95;
        out.printf(Locale.ROOT, "target p99 <= %.0f ms at %d signals/s: %s%n", f.targetP99Millis(), f.offeredRate(),
                met ? "MET" : "NOT MET");
    }
}
