package io.aegis.devstack.broker;

import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.devstack.security.StackLogins;
import io.aegis.kafka.security.AclPlan;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Puts the devstack's logins and grants on the secured broker before any service starts: one
 * SCRAM-SHA-512 credential per principal of {@code infra/acls.yaml} (passwords from the stack's
 * secrets) and every ACL of the plan. Invariant: when {@link #apply} returns, every principal can
 * log in and holds exactly its grants (creating an existing ACL is a no-op; credentials are
 * re-set to the stored passwords, so a stack whose secrets were regenerated heals itself).
 */
public final class ClusterSecurity {

    /** SCRAM iterations: at least the 4096 Kafka requires for SHA-512. */
    private static final int ITERATIONS = 8192;
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

    private final StackLogins logins;
    private final PrintStream out;

    public ClusterSecurity(StackLogins logins, PrintStream out) {
        this.logins = logins;
        this.out = out;
    }

    /** Upserts every principal's credential, creates every ACL binding, then waits until each principal can log in. */
    public void apply(AclPlan plan) throws InterruptedException {
        Map<String, String> passwords = new java.util.LinkedHashMap<>();
        plan.users().forEach(user -> passwords.put(user, logins.password(Realm.KAFKA, user)));
        provision(passwords, plan.bindings());
        out.println("Broker security: " + plan.users().size() + " SCRAM-SHA-512 principals, "
                + plan.bindings().size() + " ACL bindings (everything else denied)");
    }

    /**
     * Gives one more principal a login and exactly {@code grants}, as a deployment grants a role
     * that {@code infra/acls.yaml} leaves to it (an auditor reading the inboxes for the evidence
     * check, see docs/runbook-operator.md); waits until the principal can log in.
     */
    public void grant(String user, String password, java.util.Collection<org.apache.kafka.common.acl.AclBinding> grants)
            throws InterruptedException {
        provision(Map.of(user, password), grants);
    }

    private void provision(Map<String, String> passwords, java.util.Collection<org.apache.kafka.common.acl.AclBinding> grants)
            throws InterruptedException {
        try (Admin admin = Admin.create(logins.admin())) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            passwords.forEach((user, password) -> users.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password)));
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(grants).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("applying the broker's users and ACLs failed: " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> login : passwords.entrySet()) {
            awaitLogin(login.getKey(), login.getValue());
        }
    }

    /** The controller takes a new credential before the broker has it: wait until the broker accepts the login. */
    private void awaitLogin(String user, String password) throws InterruptedException {
        Instant deadline = Instant.now().plus(LOGIN_TIMEOUT);
        Map<String, Object> props = new java.util.HashMap<>(logins.kafkaClient(user, password));
        props.put("request.timeout.ms", 3000);
        props.put("default.api.timeout.ms", 4000);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try (Admin probe = Admin.create(props)) {
                probe.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).clusterId().get(4, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                last = e.getMessage();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("principal " + user + " cannot log in to the broker within "
                + LOGIN_TIMEOUT.toSeconds() + " s: " + last);
    }
}
