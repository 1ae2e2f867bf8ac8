package io.aegis.devstack.security;

import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.StackSecrets;
import io.aegis.devstack.domain.StackSecrets.Credential;
import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.kafka.security.AclPlan;
import io.aegis.kafka.security.KafkaSecurityConfig;
import io.aegis.kafka.security.SaslMechanism;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Who logs in where on the devstack, and with which client settings. Every Kafka client
 * authenticates with SCRAM-SHA-512 as one principal of {@code infra/acls.yaml} (or as the
 * devstack's own administrator, which provisions users, ACLs and topics); every registry client
 * with its own HTTP Basic user (reads only, the registry administrator excepted); each member and
 * the coordination centre's operators with their own user of the router's API. Passwords come
 * from {@link StackSecrets}; nothing here is a built-in key.
 */
public final class StackLogins {

    /** The devstack's Kafka super user: SCRAM users, ACLs and topics are created with it, nothing else runs as it. */
    public static final String ADMIN = "aegis-admin";
    /** The broker's own login on its client listener (inter-broker traffic). */
    public static final String BROKER = "aegis-broker";
    /** The broker's login to the controller (SASL/PLAIN on the controller listener, configured in the broker only). */
    public static final String CONTROLLER = "aegis-controller";
    /** The registry user that registers every schema before the services start; the only registry writer. */
    public static final String REGISTRY_ADMIN = "registry-admin";
    /** The operators' principal ({@code ./aegis-ops}). */
    public static final String OPERATOR = "aegis-operator";
    /** The schema registry's own Kafka principal (it needs no registry login). */
    public static final String REGISTRY_SERVICE = "aegis-registry";
    /** Who reads the mailbox page (the devstack's captured paging mail). */
    public static final String MAILBOX_READER = "mailbox-reader";
    public static final SaslMechanism MECHANISM = SaslMechanism.SCRAM_SHA_512;
    public static final SecurityProtocol PROTOCOL = SecurityProtocol.SASL_PLAINTEXT;

    private final StackSettings settings;
    private final StackSecrets secrets;

    public StackLogins(StackSettings settings, StackSecrets secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    /** Every login the devstack generates a password for, given the principals of the ACL plan. */
    public static List<Credential> credentials(AclPlan plan) {
        List<Credential> logins = new ArrayList<>();
        for (String user : List.of(ADMIN, BROKER, CONTROLLER)) {
            logins.add(new Credential(Realm.KAFKA, user));
        }
        logins.add(new Credential(Realm.REGISTRY, REGISTRY_ADMIN));
        for (String user : plan.users()) {
            logins.add(new Credential(Realm.KAFKA, user));
            if (!user.equals(REGISTRY_SERVICE)) {
                logins.add(new Credential(Realm.REGISTRY, user));
            }
            if (user.startsWith("node-") || user.equals(OPERATOR)) {
                logins.add(new Credential(Realm.ROUTER, user));
            }
            if (user.startsWith("node-")) {
                // the node's SMTP login at the mailbox, and the key that signs its acknowledgement links
                logins.add(new Credential(Realm.MAIL, user));
                logins.add(new Credential(Realm.ACK_LINK, user));
            }
        }
        logins.add(new Credential(Realm.MAIL, MAILBOX_READER));
        return logins;
    }

    /** The principal a node of {@code country} logs in as (the {@code perCountry} entry of acls.yaml). */
    public static String node(String country) {
        return "node-" + country;
    }

    /** The principal of a coordination-centre service ({@code router}, {@code escalation}, ...). */
    public static String service(String name) {
        return "aegis-" + name;
    }

    /** The logins of one realm that the stack's secrets hold, in a stable order. */
    public List<Credential> all(Realm realm) {
        String prefix = new Credential(realm, "").key();
        return secrets.credentials().keySet().stream().filter(key -> key.startsWith(prefix)).sorted()
                .map(key -> new Credential(realm, key.substring(prefix.length()))).toList();
    }

    public String password(Realm realm, String user) {
        return secrets.password(realm, user);
    }

    /** The security settings of a Kafka client logging in as {@code user}. */
    public KafkaSecurityConfig kafka(String user) {
        return kafka(user, password(Realm.KAFKA, user));
    }

    private static KafkaSecurityConfig kafka(String user, String password) {
        return new KafkaSecurityConfig(PROTOCOL, MECHANISM, user, password, null, null, null, true);
    }

    /** Complete Kafka client properties (bootstrap and login) for {@code user}. */
    public Map<String, Object> kafkaClient(String user) {
        return kafkaClient(user, password(Realm.KAFKA, user));
    }

    /** Complete Kafka client properties for a login the stack's secrets do not hold (one a deployment added). */
    public Map<String, Object> kafkaClient(String user, String password) {
        Map<String, Object> props = new LinkedHashMap<>(kafka(user, password).toProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return props;
    }

    /** The administrator's client properties. */
    public Map<String, Object> admin() {
        return kafkaClient(ADMIN);
    }

    /** The {@code kafka.*} keys of a service logging in as {@code user} (Micronaut passes them to every client). */
    public Map<String, Object> serviceKafkaConfig(String user) {
        Map<String, Object> config = new LinkedHashMap<>();
        kafka(user).toProperties().forEach((key, value) -> config.put("kafka." + key, value));
        return config;
    }
}
