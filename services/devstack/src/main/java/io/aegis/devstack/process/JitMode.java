package io.aegis.devstack.process;

import java.util.List;
import java.util.Locale;

/**
 * How the devstack's JVMs compile: {@code quick} (the default) stops at the C1 compiler, which
 * starts a 10-process network on two cores within about a minute; {@code full} lets C2 optimise,
 * which throughput and latency measurements need. Chosen by the {@code aegis.jit} system property
 * (the benchmark sets it) or the {@code AEGIS_JIT} environment variable.
 */
public final class JitMode {

    private JitMode() {
    }

    /** The JVM flags of the chosen mode. */
    public static List<String> flags() {
        return flags(System.getProperty("aegis.jit", System.getenv().getOrDefault("AEGIS_JIT", "quick")));
    }

    static List<String> flags(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "quick" -> List.of("-XX:TieredStopAtLevel=1");
            case "full" -> List.of();
            default -> throw new IllegalArgumentException("AEGIS_JIT must be quick or full, got '" + mode + "'");
        };
    }
}
