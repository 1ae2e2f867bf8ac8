package io.aegis.devstack.services;

import io.aegis.devstack.process.HealthProbe;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits for a set of started services to become healthy together, printing each as it comes
 * up. Invariant: returns as soon as every service is healthy, or with the names of those that
 * died or did not make it before the deadline — never waits on a dead process.
 */
public final class HealthWatch {

    private static final long POLL_MILLIS = 400;

    private final HealthProbe probe;
    private final PrintStream out;

    public HealthWatch(HealthProbe probe, PrintStream out) {
        this.probe = probe;
        this.out = out;
    }

    /** A started service: its name, health URL and process. */
    public record Started(String name, URI health, ProcessHandle process) {
    }

    /** The services that failed, each with why ("exited", "not healthy after 180 s"). */
    public Map<String, String> await(List<Started> services, Duration timeout) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        List<Started> pending = new ArrayList<>(services);
        Map<String, String> failed = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            for (Started service : List.copyOf(pending)) {
                if (probe.isHealthy(service.health())) {
                    pending.remove(service);
                    out.printf("  %-12s healthy after %.1f s%n", service.name(),
                            Duration.between(start, Instant.now()).toMillis() / 1000.0);
                } else if (!service.process().isAlive()) {
                    pending.remove(service);
                    failed.put(service.name(), "exited during start-up");
                }
            }
            if (Instant.now().isAfter(deadline)) {
                pending.forEach(s -> failed.put(s.name(), "not healthy after " + timeout.toSeconds() + " s"));
                break;
            }
            if (!pending.isEmpty()) {
                Thread.sleep(POLL_MILLIS);
            }
        }
        return failed;
    }
}
