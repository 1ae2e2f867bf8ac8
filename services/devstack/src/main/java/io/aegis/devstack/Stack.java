package io.aegis.devstack;

import io.aegis.devstack.broker.BrokerRunner;
import io.aegis.devstack.broker.ClusterSecurity;
import io.aegis.devstack.security.StackLogins;
import io.aegis.kafka.security.AclPlan;
import io.aegis.devstack.build.ModuleBuild;
import io.aegis.devstack.config.Layout;
import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.demo.NodeClient;
import io.aegis.devstack.demo.PolicySeeder;
import io.aegis.devstack.domain.DemoKeys;
import io.aegis.devstack.domain.DemoRole;
import io.aegis.devstack.domain.DevstackDescriptor;
import io.aegis.devstack.domain.PortCheck;
import io.aegis.devstack.domain.StackSecrets;
import io.aegis.devstack.process.HealthProbe;
import io.aegis.devstack.process.ProcessSupervisor;
import io.aegis.devstack.services.HealthWatch;
import io.aegis.devstack.services.MembersFile;
import io.aegis.devstack.services.Rosters;
import io.aegis.devstack.services.ServiceCatalog;
import io.aegis.devstack.services.ServiceLauncher;
import io.aegis.devstack.services.ServiceSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./aegis up}: builds what is missing, then starts the broker, provisions the topics,
 * starts the registry and then the rest of the network, each as its own process, waits until
 * all are healthy, seeds example policies and writes {@code var/devstack.json}. Secured by
 * default: the broker authenticates every client (SCRAM-SHA-512) and the users and ACLs of
 * {@code infra/acls.yaml} are in place before the first service starts; the registry's schemas
 * are registered by its administrator before any other service starts. Invariants:
 * nothing starts while a port it needs is taken; a component already running is left alone;
 * a service whose module is not written yet is skipped with a message, never faked.
 */
public final class Stack {

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(240);

    private final StackSettings settings;
    private final Layout layout;
    private final ProcessSupervisor supervisor;
    private final PrintStream out;

    public Stack(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.layout = new Layout(settings.varDir());
        this.supervisor = new ProcessSupervisor(layout.runDir(), layout.logDir());
        this.out = out;
    }

    public ProcessSupervisor supervisor() {
        return supervisor;
    }

    /** Starts the devstack; returns the services that run, in start order. */
    public List<ServiceSpec> up(boolean rebuild) throws IOException, InterruptedException {
        Map<String, Object> infraMembers = MembersFile.readYaml(settings.infraDir().resolve("members.yaml"));
        AclPlan plan = AclPlan.load(settings.infraDir().resolve("acls.yaml"), settings.countries());
        StackSecrets secrets = StackSecrets.loadOrCreate(layout.secretsFile(), settings.countries(), StackLogins.credentials(plan),
                new SecureRandom(), new DemoKeys(settings.infraDir().resolve("demo").resolve("keys"),
                        MembersFile.publicKeys(infraMembers)));
        StackLogins logins = new StackLogins(settings, secrets);
        Rosters rosters = new Rosters(settings.infraDir().resolve("rosters"));
        ServiceCatalog catalog = new ServiceCatalog(settings, secrets, logins, rosters::userId);
        List<ServiceSpec> wanted = written(catalog.all());
        checkPorts(wanted);
        List<ServiceSpec> services = build(wanted, rebuild);
        if (services.stream().noneMatch(s -> s.name().equals("registry"))) {
            throw new StackException("the schema registry (services/registry) cannot run, and nothing works without it");
        }
        MembersFile.write(catalog.membersFile(), MembersFile.build(settings.countries(), secrets, infraMembers));
        startBroker(logins);
        new ClusterSecurity(logins, out).apply(plan);
        new TopicSetup(settings, logins, out).provision();
        ServiceLauncher launcher = new ServiceLauncher(settings, layout, supervisor);
        services = prepare(launcher, services);
        startAll(launcher, services.stream().filter(s -> s.name().equals("registry")).toList());
        new SchemaSetup(settings, logins, out).registerAll();
        startAll(launcher, services.stream().filter(s -> !s.name().equals("registry")).toList());
        seedPolicies(services, secrets, logins);
        DevstackDescriptor.write(layout.descriptor(), settings, secrets, rosters::userId);
        new Summary(settings, out).print(services, secrets, layout);
        return services;
    }

    private List<ServiceSpec> written(List<ServiceSpec> all) {
        List<ServiceSpec> written = new ArrayList<>();
        for (ServiceSpec spec : all) {
            if (java.nio.file.Files.exists(settings.root().resolve(spec.module()).resolve(spec.mainSource()))) {
                written.add(spec);
            } else {
                out.println("  skipping " + spec.name() + ": " + spec.mainClass() + " does not exist yet in "
                        + spec.module());
            }
        }
        return written;
    }

    private void checkPorts(List<ServiceSpec> services) {
        List<PortCheck.Need> needs = new ArrayList<>();
        for (int node = 1; node <= settings.brokers(); node++) {
            if (supervisor.running(BrokerRunner.name(node)).isEmpty()) {
                needs.add(new PortCheck.Need("Kafka " + BrokerRunner.name(node), settings.brokerPort(node), "AEGIS_BROKER_PORT"));
                needs.add(new PortCheck.Need("KRaft controller of " + BrokerRunner.name(node), settings.controllerPort(node),
                        "AEGIS_CONTROLLER_PORT"));
            }
        }
        for (ServiceSpec spec : services) {
            if (supervisor.running(spec.name()).isEmpty()) {
                needs.add(new PortCheck.Need(spec.name(), spec.port(), overrideOf(spec)));
            }
        }
        List<PortCheck.Need> taken = PortCheck.taken(needs);
        if (!taken.isEmpty()) {
            throw new StackException(PortCheck.describe(taken));
        }
    }

    private static String overrideOf(ServiceSpec spec) {
        return spec.name().startsWith("node-") ? "AEGIS_NODE_PORT"
                : "AEGIS_" + spec.name().toUpperCase(java.util.Locale.ROOT) + "_PORT";
    }

    private List<ServiceSpec> build(List<ServiceSpec> wanted, boolean rebuild) throws IOException, InterruptedException {
        ModuleBuild build = new ModuleBuild(settings.root(), ModuleBuild.defaultLocalRepository());
        List<String> modules = wanted.stream().map(ServiceSpec::module).distinct().toList();
        List<String> toBuild = rebuild ? modules : modules.stream().filter(build::isStale).toList();
        if (toBuild.isEmpty()) {
            return wanted;
        }
        out.println("Building " + String.join(", ", toBuild) + " (./mvnw) ...");
        List<String> broken = build.buildIfNeeded(toBuild, rebuild);
        if (!broken.isEmpty()) {
            // a stack missing a service is not "up": say so, rather than start the rest and report success
            throw new StackException(String.join(", ", broken) + " did not build (see the Maven output above); nothing was started");
        }
        return wanted;
    }

    /**
     * Snapshots the classpath of every module with a service to start. A module whose build
     * output vanished meanwhile (rebuilt by someone else) is built once more; if it still cannot
     * be read its services are skipped, the registry excepted.
     */
    private List<ServiceSpec> prepare(ServiceLauncher launcher, List<ServiceSpec> services)
            throws IOException, InterruptedException {
        List<String> unusable = new ArrayList<>();
        List<String> modules = services.stream().filter(s -> supervisor.running(s.name()).isEmpty())
                .map(ServiceSpec::module).distinct().toList();
        for (String module : modules) {
            try {
                launcher.prepare(module);
            } catch (java.nio.file.NoSuchFileException e) {
                out.println("  " + module + " changed while starting (" + e.getMessage() + "); building it again");
                new ModuleBuild(settings.root(), ModuleBuild.defaultLocalRepository()).buildIfNeeded(List.of(module), false);
                try {
                    launcher.prepare(module);
                } catch (IOException again) {
                    out.println("  skipping " + module + ": its build output cannot be read (" + again.getMessage() + ")");
                    unusable.add(module);
                }
            }
        }
        if (unusable.contains("services/registry")) {
            throw new StackException("the schema registry (services/registry) cannot run, and nothing works without it");
        }
        return services.stream().filter(s -> !unusable.contains(s.module())).toList();
    }

    /** {@code ./aegis broker start N}: starts one stopped broker of a running stack and waits until the cluster has it again. */
    public void startBroker(int node) throws IOException {
        StackSecrets secrets = StackSecrets.read(layout.secretsFile());
        StackLogins logins = new StackLogins(settings, secrets);
        BrokerRunner broker = new BrokerRunner(settings, supervisor, System.getProperty("java.class.path"), logins);
        Optional<ProcessHandle> running = supervisor.running(BrokerRunner.name(node));
        ProcessHandle process = running.isPresent() ? running.get() : broker.start(node);
        out.println(BrokerRunner.name(node) + " on localhost:" + settings.brokerPort(node)
                + (running.isPresent() ? " (already running)" : ""));
        HealthProbe.Result result = broker.awaitReady(List.of(process), BROKER_TIMEOUT);
        if (result != HealthProbe.Result.HEALTHY) {
            throw failure(BrokerRunner.name(node), result == HealthProbe.Result.DIED ? "exited during start-up"
                    : "did not rejoin the cluster within " + BROKER_TIMEOUT.toSeconds() + " s");
        }
    }

    /**
     * Starts one stopped service of a running stack ({@code router}, {@code escalation}, ...) with the
     * same specification {@link #up} gives it, and waits for its {@code /health}; a running one is left alone.
     */
    public void startService(String name) throws IOException, InterruptedException {
        StackSecrets secrets = StackSecrets.read(layout.secretsFile());
        ServiceCatalog catalog = new ServiceCatalog(settings, secrets, new StackLogins(settings, secrets),
                new Rosters(settings.infraDir().resolve("rosters"))::userId);
        ServiceSpec spec = catalog.all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service '" + name + "' in this stack"));
        startAll(new ServiceLauncher(settings, layout, supervisor), List.of(spec));
    }

    private void startBroker(StackLogins logins) throws IOException {
        String classpath = System.getProperty("java.class.path");
        BrokerRunner broker = new BrokerRunner(settings, supervisor, classpath, logins);
        List<ProcessHandle> processes = new ArrayList<>();
        boolean allRunning = true;
        for (int node = 1; node <= settings.brokers(); node++) {
            Optional<ProcessHandle> running = supervisor.running(BrokerRunner.name(node));
            allRunning &= running.isPresent();
            processes.add(running.isPresent() ? running.get() : broker.start(node));
        }
        out.println((settings.brokers() == 1 ? "Kafka broker on " : settings.brokers() + " Kafka brokers on ")
                + settings.bootstrapServers() + (allRunning ? " (already running)" : ""));
        HealthProbe.Result result = broker.awaitReady(processes, BROKER_TIMEOUT);
        if (result != HealthProbe.Result.HEALTHY) {
            throw failure(BrokerRunner.NAME, result == HealthProbe.Result.DIED ? "exited during start-up"
                    : "did not answer within " + BROKER_TIMEOUT.toSeconds() + " s");
        }
    }

    private void startAll(ServiceLauncher launcher, List<ServiceSpec> services) throws IOException, InterruptedException {
        List<HealthWatch.Started> started = new ArrayList<>();
        for (ServiceSpec spec : services) {
            Optional<ProcessHandle> running = supervisor.running(spec.name());
            ProcessHandle process = running.isPresent() ? running.get() : launcher.start(spec);
            started.add(new HealthWatch.Started(spec.name(), URI.create("http://localhost:" + spec.port() + "/health"),
                    process));
        }
        Map<String, String> failed = new HealthWatch(new HealthProbe(), out).await(started, SERVICE_TIMEOUT);
        if (!failed.isEmpty()) {
            Map.Entry<String, String> first = failed.entrySet().iterator().next();
            throw failure(first.getKey(), failed.toString());
        }
    }

    private StackException failure(String name, String why) {
        return new StackException(name + " " + why + ". Last lines of " + supervisor.logFile(name) + ":"
                + System.lineSeparator() + supervisor.tail(name, 25) + System.lineSeparator()
                + "Components already started keep running; ./aegis down stops them.");
    }

    private void seedPolicies(List<ServiceSpec> services, StackSecrets secrets, StackLogins logins)
            throws IOException, InterruptedException {
        out.println("Sharing policies:");
        PolicySeeder seeder = new PolicySeeder(settings.infraDir().resolve("policies"), settings.countries(), out);
        java.util.Set<String> existing = io.aegis.devstack.demo.PolicyTopicScan.countriesWithPolicy(
                logins.admin(), Duration.ofSeconds(20));
        for (String country : settings.countries()) {
            if (services.stream().anyMatch(s -> s.name().equals("node-" + country))) {
                URI url = URI.create("http://localhost:" + settings.nodePort(country));
                try {
                    seeder.seed(new NodeClient(country, url, secrets.node(country).token(DemoRole.ADMIN)), existing);
                } catch (IOException e) {
                    out.println("  warning: " + e.getMessage() + " (put the policy with PUT /api/v1/policy)");
                }
            }
        }
    }
}
