package io.aegis.devstack.services;

import io.aegis.devstack.config.Layout;
import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.DemoRole;
import io.aegis.devstack.domain.NodeSecrets;
import io.aegis.devstack.domain.StackSecrets;
import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.devstack.security.StackLogins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The devstack's services, in start order, each with the configuration it runs with. The
 * keys are the ones each module reads (development.md "Shared configuration keys" plus the
 * module's own); values point at the devstack's broker, registry, generated members file and
 * per-service state directories under {@code var/}, and each service's own logins: its Kafka
 * principal of {@code infra/acls.yaml}, its registry user, and (registry and router) the users
 * they accept.
 */
public final class ServiceCatalog {

    /**
     * Where each stream service reads its Kafka Streams state directory: the router and the
     * escalation build their own streams configuration; the others use Micronaut's
     * {@code kafka.streams.default.*}.
     */
    private static final Map<String, String> STATE_DIR_KEYS = Map.of(
            "router", "aegis.router.state-dir", "escalation", "aegis.escalation.state-dir");

    /** The devstack's mailbox: its SMTP server captures the nodes' paging mail and its page shows it. */
    public static final String MAILBOX = "mailbox";

    private final StackSettings settings;
    private final StackSecrets secrets;
    private final StackLogins logins;
    private final BiFunction<String, DemoRole, String> userIds;

    /** {@code userIds} names the node user of a country and demo role (officers come from the rosters). */
    public ServiceCatalog(StackSettings settings, StackSecrets secrets, StackLogins logins,
                          BiFunction<String, DemoRole, String> userIds) {
        this.settings = settings;
        this.secrets = secrets;
        this.logins = logins;
        this.userIds = userIds;
    }

    public Path membersFile() {
        return new Layout(settings.varDir()).membersFile();
    }

    /** The registry: every other service needs it, so it starts and becomes healthy first. */
    public ServiceSpec registry() {
        Map<String, Object> config = common(settings.registryPort(), StackLogins.REGISTRY_SERVICE);
        // The registry's Basic users: its administrator writes, every service principal reads; the operator
        // may also register the sandbox subjects that archive import writes.
        registryUser(config, StackLogins.REGISTRY_ADMIN).put(usersKey(StackLogins.REGISTRY_ADMIN) + ".admin", true);
        for (StackSecrets.Credential login : logins.all(Realm.REGISTRY)) {
            if (!login.user().equals(StackLogins.REGISTRY_ADMIN)) {
                registryUser(config, login.user());
                ownSubjects(login.user()).ifPresent(prefix ->
                        config.put(usersKey(login.user()) + ".write-subjects", List.of(prefix)));
            }
        }
        return new ServiceSpec("registry", "services/registry", "io.aegis.registry.RegistryApplication",
                settings.registryPort(), config);
    }

    /** The coordination centre's stream services and the demo nodes, started together after the registry. */
    public List<ServiceSpec> network() {
        List<ServiceSpec> services = new ArrayList<>();
        services.add(streamService("router", "io.aegis.router.RouterApplication", settings.routerPort()));
        services.add(streamService("escalation", "io.aegis.escalation.EscalationApplication",
                settings.escalationPort()));
        services.add(streamService("response", "io.aegis.response.ResponseApplication", settings.responsePort()));
        services.add(mailbox());
        for (String country : settings.countries()) {
            services.add(node(country));
        }
        return services;
    }

    /** Every service, registry first. */
    public List<ServiceSpec> all() {
        List<ServiceSpec> all = new ArrayList<>();
        all.add(registry());
        all.addAll(network());
        return all;
    }

    /**
     * The mailbox (io.aegis.devstack.mail): its SMTP server accepts each node's login, and its page
     * opens to the mailbox reader only.
     */
    public ServiceSpec mailbox() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("micronaut.server.port", settings.mailboxPort());
        config.put("aegis.mailbox.smtp-port", settings.smtpPort());
        for (String country : settings.countries()) {
            String node = StackLogins.node(country);
            config.put("aegis.mailbox.senders." + node, logins.password(Realm.MAIL, node));
        }
        config.put("aegis.mailbox.reader.username", StackLogins.MAILBOX_READER);
        config.put("aegis.mailbox.reader.password-sha256",
                NodeSecrets.sha256Hex(logins.password(Realm.MAIL, StackLogins.MAILBOX_READER)));
        return new ServiceSpec(MAILBOX, "services/devstack", "io.aegis.devstack.mail.MailboxApplication",
                settings.mailboxPort(), config);
    }

    private Map<String, Object> registryUser(Map<String, Object> config, String user) {
        config.put(usersKey(user) + ".password-sha256", NodeSecrets.sha256Hex(logins.password(Realm.REGISTRY, user)));
        return config;
    }

    /**
     * The subjects a registry user may register: a service's Kafka Streams changelog and
     * repartition subjects, which carry its application id (the same prefix acls.yaml grants its
     * internal topics), and the operator's archive-import sandbox.
     */
    static java.util.Optional<String> ownSubjects(String user) {
        if (user.equals(StackLogins.OPERATOR)) {
            return java.util.Optional.of("sandbox.");
        }
        if (user.startsWith("node-")) {
            return java.util.Optional.of("aegis-" + user + "-");
        }
        return user.startsWith("aegis-") ? java.util.Optional.of(user + "-") : java.util.Optional.empty();
    }

    private static String usersKey(String user) {
        return "aegis.registry.auth.users." + user;
    }

    private ServiceSpec streamService(String name, String mainClass, int port) {
        Map<String, Object> config = common(port, StackLogins.service(name));
        withRegistryLogin(config, StackLogins.service(name));
        config.put(STATE_DIR_KEYS.getOrDefault(name, "kafka.streams.default.state.dir"), stateDir(name));
        if ("router".equals(name)) {
            // only the router computes digests; nodes and the other services never hold the network key
            config.put("aegis.network-key", secrets.networkKey());
            // the receipts API: each member sees its own signals, the operators all
            for (StackSecrets.Credential login : logins.all(Realm.ROUTER)) {
                String prefix = "aegis.router.api.users." + login.user();
                config.put(prefix + ".password-sha256", NodeSecrets.sha256Hex(logins.password(Realm.ROUTER, login.user())));
                if (login.user().equals(StackLogins.OPERATOR)) {
                    config.put(prefix + ".coordination", true);
                } else {
                    config.put(prefix + ".country", login.user().substring("node-".length()));
                }
            }
        }
        return new ServiceSpec(name, "services/" + name, mainClass, port, config);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private ServiceSpec node(String country) {
        NodeSecrets node = secrets.node(country);
        Map<String, Object> config = common(settings.nodePort(country), StackLogins.node(country));
        withRegistryLogin(config, StackLogins.node(country));
        config.put("kafka.streams.default.state.dir", stateDir("node-" + country));
        config.put("aegis.node.country", country);
        config.put("aegis.node.agency", "demo-agency-" + country.toLowerCase(java.util.Locale.ROOT));
        config.put("aegis.node.key-id", "default");
        config.put("aegis.node.signing-key", node.signingKey());
        for (DemoRole role : DemoRole.values()) {
            String prefix = "aegis.node.users." + userIds.apply(country, role);
            config.put(prefix + ".token-sha256", NodeSecrets.sha256Hex(node.token(role)));
            config.put(prefix + ".password-hash", NodeSecrets.bcrypt(node.password(role), RANDOM));
            config.put(prefix + ".roles", List.of(role.nodeRole()));
        }
        config.put("aegis.node.session-key", node.sessionKey());
        // the devstack serves its nodes over plain http on localhost: a Secure cookie would never be sent back
        config.put("aegis.node.session.secure-cookie", false);
        withPaging(config, country);
        return new ServiceSpec("node-" + country, "services/node", "io.aegis.node.NodeApplication",
                settings.nodePort(country), config);
    }

    /**
     * The node pages its officers by e-mail through the devstack's mailbox (plain SMTP on loopback, with
     * the node's own login), addressed {@code <officer id>@<cc>.aegis.test} for every officer of its
     * roster, and signs its acknowledgement links with its own key.
     */
    private void withPaging(Map<String, Object> config, String country) {
        String node = StackLogins.node(country);
        String domain = country.toLowerCase(java.util.Locale.ROOT) + ".aegis.test";
        config.put("aegis.node.paging.enabled", true);
        config.put("aegis.node.paging.smtp.host", "127.0.0.1");
        config.put("aegis.node.paging.smtp.port", settings.smtpPort());
        config.put("aegis.node.paging.smtp.starttls", "none");
        config.put("aegis.node.paging.smtp.username", node);
        config.put("aegis.node.paging.smtp.password", logins.password(Realm.MAIL, node));
        config.put("aegis.node.paging.from", "duty-desk@" + domain);
        config.put("aegis.node.paging.console-url", "http://localhost:" + settings.nodePort(country));
        config.put("aegis.node.paging.link-key", logins.password(Realm.ACK_LINK, node));
        for (String officer : new Rosters(settings.infraDir().resolve("rosters")).officerIds(country)) {
            config.put("aegis.node.paging.addresses." + officer, officerAddress(country, officer));
        }
    }

    /** The devstack's address of an officer of {@code country}. */
    public static String officerAddress(String country, String officerId) {
        return officerId + "@" + country.toLowerCase(java.util.Locale.ROOT) + ".aegis.test";
    }

    /**
     * The service's own registry user: the network's contracts are registered up front by the
     * registry's administrator, so the service only looks them up, and registers nothing but its
     * own Kafka Streams subjects (see {@link #registry()}).
     */
    private void withRegistryLogin(Map<String, Object> config, String user) {
        config.put("aegis.registry.username", user);
        config.put("aegis.registry.password", logins.password(Realm.REGISTRY, user));
    }

    private Map<String, Object> common(int port, String principal) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("micronaut.server.port", port);
        config.put("kafka.bootstrap.servers", settings.bootstrapServers());
        config.putAll(logins.serviceKafkaConfig(principal));
        config.put("aegis.registry.url", settings.registryUrl());
        config.put("aegis.infra.dir", settings.infraDir().toString());
        config.put("aegis.members-file", membersFile().toString());
        return config;
    }

    private String stateDir(String name) {
        return settings.varDir().resolve("state").resolve(name).toString();
    }
}
