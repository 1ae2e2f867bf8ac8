package io.aegis.router.admin;

import io.aegis.kafka.security.AclPlan;

import io.aegis.policy.Members;
import io.aegis.policy.MembersYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Admin command applying {@code infra/acls.yaml} with Kafka's AdminClient. Creating an ACL that
 * already exists is a no-op, so the command is safe to re-run.
 * Usage: {@code AclCommand --bootstrap HOST:PORT [--command-config FILE] [--acls FILE] [--members FILE] [--dry-run]}.
 */
@Command(name = "acl-command", mixinStandardHelpOptions = true,
        description = "Apply infra/acls.yaml to a Kafka cluster (idempotent), or print the bindings with --dry-run.")
public final class AclCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (required unless --dry-run)")
    String bootstrap;

    @Option(names = "--command-config", paramLabel = "FILE", description = "Admin client properties (SASL etc.)")
    Path commandConfig;

    @Option(names = "--acls", paramLabel = "FILE", defaultValue = "infra/acls.yaml", description = "Grants (default ${DEFAULT-VALUE})")
    Path acls;

    @Option(names = "--members", paramLabel = "FILE", defaultValue = "infra/members.yaml", description = "Member list (default ${DEFAULT-VALUE})")
    Path members;

    @Option(names = "--dry-run", description = "Print the bindings, change nothing")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AclCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<AclBinding> bindings = plan(acls, MembersYaml.load(members));
        if (dryRun) {
            bindings.forEach(binding -> spec.commandLine().getOut().println(binding));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (bootstrap == null) {
            throw new ParameterException(spec.commandLine(), "--bootstrap is required unless --dry-run");
        }
        Properties props = commandConfig == null ? new Properties() : load(commandConfig);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            apply(admin, bindings, System.out);
        }
        return 0;
    }

    /** Creates every binding and waits for the controller; returns how many were requested. */
    public static int apply(Admin admin, List<AclBinding> bindings, PrintStream log) throws ExecutionException, InterruptedException {
        admin.createAcls(new ArrayList<>(bindings)).all().get();
        log.println("applied " + bindings.size() + " ACL bindings");
        return bindings.size();
    }

    /** The bindings of an acls file for a member list. */
    public static List<AclBinding> plan(Path acls, Members members) throws IOException {
        return AclPlan.load(acls, List.copyOf(members.codes())).bindings();
    }

    private static Properties load(Path file) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        return props;
    }
}
