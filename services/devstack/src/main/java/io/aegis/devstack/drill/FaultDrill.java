package io.aegis.devstack.drill;

import io.aegis.devstack.Stack;
import io.aegis.devstack.StackControl;
import io.aegis.devstack.StackException;
import io.aegis.devstack.broker.BrokerRunner;
import io.aegis.devstack.config.Layout;
import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.demo.DemoNetwork;
import io.aegis.devstack.demo.NodeClient;
import io.aegis.devstack.domain.DemoRole;
import io.aegis.devstack.domain.DevstackDescriptor;
import io.aegis.devstack.domain.StackSecrets;
import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.devstack.process.ProcessSupervisor;
import io.aegis.devstack.security.StackLogins;
import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./aegis drill}: a fault drill on the running three-broker stack of this {@code var/}. It
 * offers signals through the node APIs through every phase (baseline; broker 2 stopped; broker 2
 * back; the router, the escalation and the response each stopped and started again with the
 * specification {@code up} gives it), lets the network settle, then counts from Kafka, per phase,
 * what was accepted, delivered to each inbox, duplicated, lost, and the escalations and
 * notifications produced (see {@link DrillTally}). Invariants: it refuses to run on anything but a
 * running stack of at least three brokers; it leaves every component it stopped running again; it
 * answers true only when no phase lost, duplicated or leaked a signal.
 */
public final class FaultDrill {

    private final StackSettings settings;
    private final Layout layout;
    private final DrillOptions options;
    private final PrintStream out;

    public FaultDrill(StackSettings settings, DrillOptions options, PrintStream out) {
        this.settings = settings;
        this.layout = new Layout(settings.varDir());
        this.options = options;
        this.out = out;
    }

    /** Runs the drill; true when nothing was lost, duplicated or leaked. */
    public boolean run() throws IOException, InterruptedException {
        requireRunningStack();
        DemoNetwork network = DemoNetwork.from(DevstackDescriptor.read(layout.descriptor()));
        List<String> countries = network.countries();
        Map<String, Set<String>> recipients = DrillRecipients.fromFiles(settings.infraDir().resolve("policies"),
                layout.membersFile(), countries);
        out.println("Expected recipients of a drill signal (GREEN, OTHER/OTHER), from the origins' policies:");
        recipients.forEach((origin, to) -> out.println("  " + origin + " -> " + String.join(", ", to)));
        List<NodeClient> publishers = countries.stream().map(c -> network.client(c, DemoRole.PUBLISHER)).toList();
        DrillSignals signals = new DrillSignals(Long.toString(System.currentTimeMillis(), 36));
        List<DrillPhase> phases = DrillPhase.standard();
        Instant began = Instant.now();
        List<Instant> starts = new ArrayList<>();
        List<DrillRecord.Sent> sent;
        String aborted = null;
        try (DrillLoad load = new DrillLoad(publishers, signals, options.rate())) {
            out.printf(Locale.ROOT, "Drill %s: %d signals/s through %d nodes, %d s per phase, faults by %s%n",
                    signals.run(), options.rate(), publishers.size(), options.phaseSeconds(),
                    options.kill() ? "SIGKILL" : "clean shutdown");
            load.start();
            try {
                for (int i = 0; i < phases.size() && aborted == null; i++) {
                    starts.add(Instant.now());
                    load.phase(i);
                    out.printf(Locale.ROOT, "[%s] phase %d: %s%n", Instant.now(), i, phases.get(i).name());
                    aborted = inject(phases.get(i));
                    Thread.sleep(Duration.ofSeconds(options.phaseSeconds()).toMillis());
                }
            } finally {
                load.close();
                sent = load.sent();
            }
        } finally {
            restoreEverything();
        }
        // a drill cut short by a failed fault step still counts the phases it ran, and fails
        List<DrillPhase> ran = phases.subList(0, starts.size());
        boolean clean = report(ran, recipients, countries, signals, began, starts, sent);
        if (aborted != null) {
            out.println("FAILED: the drill stopped after phase '" + ran.get(ran.size() - 1).name() + "': " + aborted);
        }
        return clean && aborted == null;
    }

    private boolean report(List<DrillPhase> phases, Map<String, Set<String>> recipients, List<String> countries,
                           DrillSignals signals, Instant began, List<Instant> starts, List<DrillRecord.Sent> sent)
            throws IOException, InterruptedException {
        StackLogins logins = new StackLogins(settings, StackSecrets.read(layout.secretsFile()));
        HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.create(settings.registryUrl(),
                StackLogins.REGISTRY_ADMIN, logins.password(Realm.REGISTRY, StackLogins.REGISTRY_ADMIN));
        DrillTopics topics = new DrillTopics(logins.admin(),
                new Topics(new SerdeFactory(registry)).inbox(countries.get(0)).valueDeserializer());
        List<String> names = phases.stream().map(DrillPhase::name).toList();
        Instant since = began.minusSeconds(5);
        Instant settling = Instant.now();
        Instant deadline = settling.plusSeconds(options.settleSeconds());
        out.printf(Locale.ROOT, "Load stopped; settling (up to %d s, until every expected copy is there) ...%n",
                options.settleSeconds());
        List<DrillTally.Row> rows;
        while (true) {
            Instant end = Instant.now();
            DrillRecord record = new DrillRecord(sent, topics.copies(countries, signals, since),
                    topics.times(List.of(TopicNames.ESCALATIONS), since),
                    topics.times(countries.stream().map(TopicNames::notify).toList(), since), starts, end);
            rows = DrillTally.count(names, recipients, countries, record);
            boolean complete = rows.stream().allMatch(r -> r.lost() == 0);
            if (complete || end.isAfter(deadline)) {
                out.printf(Locale.ROOT, "Counted %s s after the load stopped%s.%n",
                        Duration.between(settling, end).toSeconds(), complete ? "" : " (settle period over)");
                break;
            }
            Thread.sleep(5_000);
        }
        out.println();
        DrillTable.render(rows, countries).forEach(out::println);
        sent.stream().filter(s -> !s.accepted()).map(DrillRecord.Sent::outcome).distinct().limit(5)
                .forEach(o -> out.println("  not accepted: " + o + " (" + sent.stream()
                        .filter(s -> !s.accepted() && s.outcome().equals(o)).count() + " signals)"));
        return DrillTable.passed(rows);
    }

    /** Injects the phase's fault; answers why it failed, or null when it worked. */
    private String inject(DrillPhase phase) throws InterruptedException {
        try {
            fault(phase);
            return null;
        } catch (IOException | RuntimeException e) {
            out.println("  the fault step of '" + phase.name() + "' failed: " + e);
            return String.valueOf(e.getMessage());
        }
    }

    private void fault(DrillPhase phase) throws IOException, InterruptedException {
        switch (phase.fault()) {
            case NONE -> { }
            case STOP_BROKER -> {
                if (options.kill()) {
                    new StackControl(settings, out).kill(BrokerRunner.name(Integer.parseInt(phase.target())));
                } else {
                    new StackControl(settings, out).stopBroker(Integer.parseInt(phase.target()));
                }
            }
            case START_BROKER -> {
                Instant from = Instant.now();
                new Stack(settings, out).startBroker(Integer.parseInt(phase.target()));
                out.printf(Locale.ROOT, "  broker-%s rejoined the cluster after %.1f s%n", phase.target(),
                        Duration.between(from, Instant.now()).toMillis() / 1000.0);
                new ReplicaSync(new StackLogins(settings, StackSecrets.read(layout.secretsFile())).admin(), out)
                        .await(Duration.ofSeconds(120));
            }
            case RESTART_SERVICE -> {
                if (options.kill()) {
                    new StackControl(settings, out).kill(phase.target());
                } else {
                    new StackControl(settings, out).stopService(phase.target());
                }
                new Stack(settings, out).startService(phase.target());
            }
        }
    }

    /** After a drill cut short, starts again whatever it stopped, so the stack is left as it was found. */
    private void restoreEverything() {
        ProcessSupervisor supervisor = new ProcessSupervisor(layout.runDir(), layout.logDir());
        try {
            if (supervisor.running(BrokerRunner.name(DrillPhase.BROKER)).isEmpty()) {
                new Stack(settings, out).startBroker(DrillPhase.BROKER);
            }
            for (String service : DrillPhase.STREAM_SERVICES) {
                if (supervisor.running(service).isEmpty()) {
                    new Stack(settings, out).startService(service);
                }
            }
        } catch (IOException | RuntimeException e) {
            out.println("could not restore the stack after the drill: " + e.getMessage()
                    + " (./aegis status shows what runs; ./aegis broker start " + DrillPhase.BROKER + " or ./aegis up)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireRunningStack() throws IOException {
        String hint = "; start it with ./aegis up --brokers 3";
        if (!Files.exists(layout.descriptor())) {
            throw new StackException("the drill runs on a running stack, and none is up in "
                    + settings.varDir() + hint);
        }
        if (settings.brokers() < 3) {
            throw new StackException("the drill stops a broker, so it needs three; this stack has "
                    + settings.brokers() + hint + " (on a fresh var directory)");
        }
        ProcessSupervisor supervisor = new ProcessSupervisor(layout.runDir(), layout.logDir());
        List<String> missing = new ArrayList<>();
        for (int node = 1; node <= settings.brokers(); node++) {
            if (supervisor.running(BrokerRunner.name(node)).isEmpty()) {
                missing.add(BrokerRunner.name(node));
            }
        }
        List<String> needed = new ArrayList<>(List.of("registry"));
        needed.addAll(DrillPhase.STREAM_SERVICES);
        settings.countries().forEach(c -> needed.add("node-" + c));
        needed.stream().filter(n -> supervisor.running(n).isEmpty()).forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new StackException("the drill needs the whole stack running; not running: " + String.join(", ", missing)
                    + hint + " (or ./aegis up to start what is missing)");
        }
    }
}
