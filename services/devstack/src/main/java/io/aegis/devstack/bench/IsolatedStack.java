package io.aegis.devstack.bench;

import io.aegis.devstack.domain.StackSecrets;
import io.aegis.devstack.security.StackLogins;
import io.aegis.devstack.broker.ClusterSecurity;

import io.aegis.devstack.Stack;
import io.aegis.devstack.StackControl;
import io.aegis.devstack.build.Classpaths;
import io.aegis.devstack.config.Layout;
import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.demo.DemoNetwork;
import io.aegis.devstack.domain.DevstackDescriptor;
import io.aegis.devstack.domain.DemoRole;
import java.io.IOException;
import java.net.URI;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A whole devstack of its own — broker, registry, router, escalation, response and one node per
 * country, each its own process, started through {@link Stack} — for the end-to-end tests and the
 * latency benchmark. Invariants: it lives in a private var directory that is wiped before start,
 * on the default ports shifted by a fixed offset, so it never touches a developer's running
 * {@code ./aegis up}; {@link #close()} stops every process it started, also after a failed start.
 * The broker runs on the caller's {@code java.class.path}, which must therefore hold the devstack's
 * runtime classpath (true under Maven's test plugins and the documented {@code java -cp} command).
 */
public final class IsolatedStack implements AutoCloseable {

    private final StackSettings settings;
    private final Map<String, Object> descriptor;
    private final DemoNetwork network;
    private final PrintStream out;

    private IsolatedStack(StackSettings settings, Map<String, Object> descriptor, PrintStream out) {
        this.settings = settings;
        this.descriptor = descriptor;
        this.network = DemoNetwork.from(descriptor);
        this.out = out;
    }

    /**
     * Starts a fresh stack in {@code varDir} with every default port plus {@code portOffset}.
     *
     * @param root       repository root (holds {@code mvnw}, {@code infra/}, {@code services/})
     * @param varDir     private runtime directory; deleted first
     * @param portOffset added to each default port (broker 9092, registry 8081, nodes 8101, …)
     * @param countries  the nodes to run, in port order
     * @param out        where the launcher's progress goes
     */
    public static IsolatedStack start(Path root, Path varDir, int portOffset, List<String> countries, PrintStream out)
            throws IOException, InterruptedException {
        if (portOffset < 0 || 9093 + portOffset > 65_535 || 8101 + countries.size() + portOffset > 65_535) {
            throw new IllegalArgumentException("portOffset must keep every port within 1..65535, got " + portOffset);
        }
        StackSettings settings = new StackSettings(root.toAbsolutePath().normalize(), varDir.toAbsolutePath().normalize(),
                9092 + portOffset, 9093 + portOffset, 8081 + portOffset, 8091 + portOffset, 8092 + portOffset,
                8093 + portOffset, 8094 + portOffset, 2525 + portOffset, 8101 + portOffset, countries, "320m");
        // A run that was killed may have left processes behind in this directory: stop them before wiping it.
        new StackControl(settings, out).down();
        Classpaths.deleteTree(settings.varDir());
        try {
            new Stack(settings, out).up(false);
            return new IsolatedStack(settings, DevstackDescriptor.read(new Layout(settings.varDir()).descriptor()), out);
        } catch (IOException | InterruptedException | RuntimeException e) {
            new StackControl(settings, out).down();
            throw e;
        }
    }

    /** The repository root: {@code -Daegis.root} when set, else the nearest directory up from here holding {@code mvnw} and {@code infra/}. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("aegis.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a directory holding mvnw and infra/) above "
                + Path.of("").toAbsolutePath() + "; set -Daegis.root");
    }

    /** Kafka client properties of the stack's administrator (SASL login on the services' listener). */
    public Map<String, Object> kafkaAdmin() throws IOException {
        return logins().admin();
    }

    /** Kafka client properties of one principal of {@code infra/acls.yaml} (e.g. {@code node-FR}). */
    public Map<String, Object> kafkaClient(String principal) throws IOException {
        return logins().kafkaClient(principal);
    }

    /** The stack's logins (passwords from its secrets file). */
    public StackLogins logins() throws IOException {
        return new StackLogins(settings, StackSecrets.read(new Layout(settings.varDir()).secretsFile()));
    }

    /**
     * Adds a principal with exactly {@code grants} (see {@link ClusterSecurity#grant}); returns its
     * client properties.
     */
    public Map<String, Object> grant(String principal, String password, java.util.Collection<org.apache.kafka.common.acl.AclBinding> grants)
            throws IOException, InterruptedException {
        new ClusterSecurity(logins(), out).grant(principal, password, grants);
        return logins().kafkaClient(principal, password);
    }

    public StackSettings settings() {
        return settings;
    }

    /** Clients for every node and demo role, as {@code devstack.json} describes them. */
    public DemoNetwork network() {
        return network;
    }

    /** The bearer token of a demo user, as {@code devstack.json} lists it. */
    public String token(String country, DemoRole role) {
        if (descriptor.get("nodes") instanceof Map<?, ?> nodes && nodes.get(country) instanceof Map<?, ?> node
                && node.get("tokens") instanceof Map<?, ?> tokens && tokens.get(role.key()) instanceof String token) {
            return token;
        }
        throw new IllegalArgumentException("devstack.json has no " + role.key() + " token for node " + country);
    }

    /** The sign-in user name and password of a demo user, as {@code devstack.json} lists them. */
    public Map.Entry<String, String> login(String country, DemoRole role) {
        if (descriptor.get("nodes") instanceof Map<?, ?> nodes && nodes.get(country) instanceof Map<?, ?> node
                && node.get("users") instanceof Map<?, ?> users && users.get(role.key()) instanceof Map<?, ?> user
                && user.get("name") instanceof String name && user.get("password") instanceof String password) {
            return Map.entry(name, password);
        }
        throw new IllegalArgumentException("devstack.json has no " + role.key() + " user for node " + country);
    }

    /** The stack's mailbox (the officers' captured paging mail), as {@code devstack.json} describes it. */
    public io.aegis.devstack.demo.MailboxClient mailbox() {
        return io.aegis.devstack.demo.MailboxClient.from(descriptor);
    }

    /** The base URL of a node. */
    public URI nodeUrl(String country) {
        return URI.create("http://localhost:" + settings.nodePort(country));
    }

    /** The members file the stack's router verifies origins with (public keys of the keys its nodes sign with). */
    public Path membersFile() {
        return new Layout(settings.varDir()).membersFile();
    }

    /** The log file of a component ({@code broker}, {@code router}, {@code node-FR}, …), for diagnosis. */
    public Path logFile(String component) {
        return new Layout(settings.varDir()).logDir().resolve(component + ".log");
    }

    @Override
    public void close() throws IOException {
        new StackControl(settings, out).down();
    }
}
