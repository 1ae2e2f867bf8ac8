package io.aegis.devstack.infra;

import io.aegis.kafka.security.AclPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * {@code ./aegis users}: gives every principal of {@code infra/acls.yaml} its SCRAM-SHA-512
 * login on any cluster, as the devstack does at {@code up} (used by the compose stack's init
 * job). Passwords are never arguments: each comes from the environment variable
 * {@link #passwordVariable} names (e.g. {@code NODE_FR_KAFKA_PASSWORD}); a missing one stops the
 * command before anything changes. Re-running re-sets the credentials to the given passwords.
 */
public final class UsersCommand {

    /** SCRAM iterations, as the devstack's (at least the 4096 Kafka requires for SHA-512). */
    private static final int ITERATIONS = 8192;

    private final PrintStream out;
    private final Map<String, String> env;

    public UsersCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    /** The environment variable holding {@code user}'s Kafka password: {@code node-FR} → {@code NODE_FR_KAFKA_PASSWORD}. */
    public static String passwordVariable(String user) {
        return user.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_KAFKA_PASSWORD";
    }

    /** Parses {@code --bootstrap HOST:PORT [--command-config FILE] [--infra DIR]}; returns true when every login is set. */
    public boolean run(List<String> options, Path defaultInfra) throws IOException, InterruptedException {
        Map<String, String> args = Options.parse(options, List.of("--bootstrap", "--command-config", "--infra"), List.of());
        String bootstrap = args.get("--bootstrap");
        if (bootstrap == null) {
            throw new IllegalArgumentException("--bootstrap HOST:PORT is required");
        }
        Path infra = args.containsKey("--infra") ? Path.of(args.get("--infra")) : defaultInfra;
        AclPlan plan = AclPlan.load(infra.resolve("acls.yaml"), new ManifestFiles(infra).members());
        List<UserScramCredentialAlteration> logins = new ArrayList<>();
        for (String user : plan.users()) {
            String password = env.get(passwordVariable(user));
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("set " + passwordVariable(user) + " (the Kafka password of " + user + ")");
            }
            logins.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512,
                    ITERATIONS), password));
        }
        Properties props = new Properties();
        if (args.containsKey("--command-config")) {
            try (Reader reader = Files.newBufferedReader(Path.of(args.get("--command-config")))) {
                props.load(reader);
            }
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.alterUserScramCredentials(logins).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            out.println("setting the SCRAM-SHA-512 logins failed: " + e.getMessage());
            return false;
        }
        out.println(logins.size() + " SCRAM-SHA-512 logins set: " + plan.users());
        return true;
    }
}
