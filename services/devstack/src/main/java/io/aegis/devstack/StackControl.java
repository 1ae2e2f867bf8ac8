package io.aegis.devstack;

import io.aegis.devstack.services.ServiceCatalog;

import io.aegis.devstack.broker.BrokerRunner;
import io.aegis.devstack.config.Layout;
import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.process.HealthProbe;
import io.aegis.devstack.process.ProcessSupervisor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./aegis down} and {@code ./aegis status}. Invariants: down stops the services before
 * the registry and the registry before the broker, so nobody loses its broker mid-shutdown;
 * it keeps every byte of data (broker log dirs, state, secrets) so the next {@code up} finds
 * it again, and removes only the pids, classpath snapshots and {@code devstack.json}.
 */
public final class StackControl {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final StackSettings settings;
    private final Layout layout;
    private final ProcessSupervisor supervisor;
    private final PrintStream out;

    public StackControl(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.layout = new Layout(settings.varDir());
        this.supervisor = new ProcessSupervisor(layout.runDir(), layout.logDir());
        this.out = out;
    }

    /** Stops everything the devstack started. Returns how many live processes were stopped. */
    public int down() throws IOException {
        List<String> known = supervisor.known();
        List<String> brokers = known.stream().filter(StackControl::isBroker).toList();
        List<String> services = known.stream().filter(n -> !n.equals("registry") && !isBroker(n)).toList();
        int stopped = stopTogether(services);
        stopped += stopTogether(known.contains("registry") ? List.of("registry") : List.of());
        stopped += stopTogether(brokers);
        io.aegis.devstack.build.Classpaths.deleteTree(layout.libDir());
        Files.deleteIfExists(layout.descriptor());
        out.println(stopped == 0 ? "Nothing was running." : "Stopped " + stopped + " process(es); data kept in "
                + Summary.display(settings, settings.varDir()) + "/.");
        return stopped;
    }

    static boolean isBroker(String name) {
        return name.equals(BrokerRunner.NAME) || name.startsWith(BrokerRunner.NAME + "-");
    }

    /** Stops one broker of a running stack ({@code ./aegis broker stop N}); its data stays. True when it was running. */
    public boolean stopBroker(int node) throws IOException {
        requireBroker(node);
        boolean stopped = supervisor.stop(BrokerRunner.name(node), GRACE);
        out.println(stopped ? "stopped " + BrokerRunner.name(node) : BrokerRunner.name(node) + " was not running");
        return stopped;
    }

    /** Stops one service of a running stack (SIGTERM, then SIGKILL after the grace period). True when it was running. */
    public boolean stopService(String name) throws IOException {
        boolean stopped = supervisor.stop(name, GRACE);
        out.println(stopped ? "stopped " + name : name + " was not running");
        return stopped;
    }

    /** Kills one component of a running stack (SIGKILL, as a crash would), e.g. for fault drills. True when it was running. */
    public boolean kill(String name) throws IOException {
        boolean killed = supervisor.kill(name);
        out.println(killed ? "killed " + name + " (SIGKILL)" : name + " was not running");
        return killed;
    }

    private void requireBroker(int node) {
        if (node < 1 || node > settings.brokers()) {
            throw new IllegalArgumentException("there is no broker " + node + "; this stack has " + settings.brokers()
                    + (settings.brokers() == 1 ? " (./aegis up --brokers 3 starts three)" : ""));
        }
    }

    private int stopTogether(List<String> names) {
        List<Thread> threads = new ArrayList<>();
        int[] count = {0};
        for (String name : names) {
            Thread thread = new Thread(() -> {
                try {
                    if (supervisor.stop(name, GRACE)) {
                        synchronized (count) {
                            count[0]++;
                        }
                        out.println("  stopped " + name);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "stop-" + name);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return count[0];
    }

    /** Prints one line per component, in start order: pid, port, state. True when everything known is healthy. */
    public boolean status() throws IOException {
        List<String> known = new ArrayList<>(supervisor.known());
        known.sort(java.util.Comparator.comparingInt(this::startOrder).thenComparing(n -> n));
        if (known.isEmpty()) {
            out.println("The devstack is not running (./aegis up starts it).");
            return false;
        }
        HealthProbe probe = new HealthProbe();
        boolean allHealthy = true;
        for (String name : known) {
            Optional<ProcessHandle> process = supervisor.running(name);
            int port = portOf(name);
            String state;
            if (process.isEmpty()) {
                state = "stopped";
            } else if (isBroker(name)) {
                state = "running";
            } else {
                state = probe.isHealthy(URI.create("http://localhost:" + port + "/health")) ? "healthy" : "not healthy";
            }
            allHealthy &= state.equals("healthy") || state.equals("running");
            out.printf("  %-12s %-8s port %-6d %s%n", name, process.map(p -> Long.toString(p.pid())).orElse("-"),
                    port, state);
        }
        return allHealthy;
    }

    private int startOrder(String name) {
        if (isBroker(name)) {
            return 0;
        }
        int index = List.of(BrokerRunner.NAME, "registry", "router", "escalation", "response", "mailbox").indexOf(name);
        return index >= 0 ? index : 6 + Math.max(0, portOf(name));
    }

    int portOf(String name) {
        return switch (name) {
            case BrokerRunner.NAME -> settings.brokerPort();
            case "broker-2" -> settings.brokerPort(2);
            case "broker-3" -> settings.brokerPort(3);
            case "registry" -> settings.registryPort();
            case "router" -> settings.routerPort();
            case "escalation" -> settings.escalationPort();
            case "response" -> settings.responsePort();
            case ServiceCatalog.MAILBOX -> settings.mailboxPort();
            default -> name.startsWith("node-") && settings.countries().contains(name.substring(5))
                    ? settings.nodePort(name.substring(5)) : -1;
        };
    }
}
