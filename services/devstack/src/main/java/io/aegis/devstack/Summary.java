package io.aegis.devstack;

import io.aegis.devstack.config.Layout;
import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.DemoRole;
import io.aegis.devstack.domain.NodeSecrets;
import io.aegis.devstack.domain.StackSecrets;
import io.aegis.devstack.services.ServiceSpec;
import java.io.PrintStream;
import java.util.List;

/** Prints what {@code up} started: endpoints, each node's console URL and demo credentials. */
final class Summary {

    private final StackSettings settings;
    private final PrintStream out;

    Summary(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** A path relative to the repository root when it lies inside it, else absolute. */
    static String display(StackSettings settings, java.nio.file.Path path) {
        return path.startsWith(settings.root()) ? settings.root().relativize(path).toString() : path.toString();
    }

    void print(List<ServiceSpec> services, StackSecrets secrets, Layout layout) {
        out.println();
        out.println("Aegis devstack is up.");
        out.printf("  %-12s %s%n", "broker", settings.bootstrapServers());
        for (ServiceSpec spec : services) {
            if (spec.name().equals(io.aegis.devstack.services.ServiceCatalog.MAILBOX)) {
                out.printf("  %-12s %s/  (officers' paging mail; user %s, password in var/devstack.json)%n", spec.name(),
                        settings.mailboxUrl(), io.aegis.devstack.security.StackLogins.MAILBOX_READER);
            } else if (!spec.name().startsWith("node-")) {
                out.printf("  %-12s http://localhost:%d%n", spec.name(), spec.port());
            }
        }
        out.println();
        out.println("Member nodes (console, then the bearer tokens of the demo users):");
        for (ServiceSpec spec : services) {
            if (spec.name().startsWith("node-")) {
                String country = spec.name().substring("node-".length());
                NodeSecrets node = secrets.node(country);
                out.printf("  %s  http://localhost:%d/console/%n", country, spec.port());
                for (DemoRole role : DemoRole.values()) {
                    out.printf("        %-10s %s%n", role.key(), node.token(role));
                }
            }
        }
        out.println("  People sign in to a console with a user name and password: nodes.<CC>.users in the file below.");
        out.println();
        out.println("Written: " + display(settings, layout.descriptor()) + "   Logs: "
                + display(settings, layout.logDir()) + "/");
        out.println("Next: ./aegis demo   (scenario)   ./aegis status   ./aegis down");
    }
}
