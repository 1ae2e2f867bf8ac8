package io.aegis.router.admin;

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
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Admin command applying {@code infra/acls.yaml} with Kafka's AdminClient. Creating an ACL that
 * already exists is a no-op, so the command is safe to re-run.
 * Usage: {@code AclCommand --bootstrap HOST:PORT [--command-config FILE] [--acls FILE] [--members FILE] [--dry-run]}.
 */
public final class AclCommand {

    private AclCommand() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        Path acls = Path.of("infra/acls.yaml");
        Path members = Path.of("infra/members.yaml");
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[++i]);
                case "--command-config" -> props.putAll(load(Path.of(args[++i])));
                case "--acls" -> acls = Path.of(args[++i]);
                case "--members" -> members = Path.of(args[++i]);
                case "--dry-run" -> dryRun = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --bootstrap HOST:PORT [--command-config FILE] [--acls FILE] [--members FILE] [--dry-run]");
            }
        }
        List<AclBinding> bindings = AclPlan.parse(Files.readString(acls), MembersYaml.load(members));
        if (dryRun) {
            bindings.forEach(System.out::println);
            return;
        }
        if (!props.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("--bootstrap is required unless --dry-run");
        }
        try (Admin admin = Admin.create(props)) {
            apply(admin, bindings, System.out);
        }
    }

    /** Creates every binding and waits for the controller; returns how many were requested. */
    public static int apply(Admin admin, List<AclBinding> bindings, PrintStream log) throws ExecutionException, InterruptedException {
        admin.createAcls(new ArrayList<>(bindings)).all().get();
        log.println("applied " + bindings.size() + " ACL bindings");
        return bindings.size();
    }

    /** The bindings of an acls file for a member list. */
    public static List<AclBinding> plan(Path acls, Members members) throws IOException {
        return AclPlan.parse(Files.readString(acls), members);
    }

    private static Properties load(Path file) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        return props;
    }
}
