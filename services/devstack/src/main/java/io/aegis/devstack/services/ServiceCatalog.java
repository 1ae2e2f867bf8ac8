package io.aegis.devstack.services;

import io.aegis.devstack.config.Layout;
import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.DemoRole;
import io.aegis.devstack.domain.NodeSecrets;
import io.aegis.devstack.domain.StackSecrets;
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
 * per-service state directories under {@code var/}.
 */
public final class ServiceCatalog {

    /**
     * Where each stream service reads its Kafka Streams state directory: the router and the
     * escalation build their own streams configuration; the others use Micronaut's
     * {@code kafka.streams.default.*}.
     */
    private static final Map<String, String> STATE_DIR_KEYS = Map.of(
            "router", "aegis.router.state-dir", "escalation", "aegis.escalation.state-dir");

    private final StackSettings settings;
    private final StackSecrets secrets;
    private final BiFunction<String, DemoRole, String> userIds;

    /** {@code userIds} names the node user of a country and demo role (officers come from the rosters). */
    public ServiceCatalog(StackSettings settings, StackSecrets secrets, BiFunction<String, DemoRole, String> userIds) {
        this.settings = settings;
        this.secrets = secrets;
        this.userIds = userIds;
    }

    public Path membersFile() {
        return new Layout(settings.varDir()).membersFile();
    }

    /** The registry: every other service needs it, so it starts and becomes healthy first. */
    public ServiceSpec registry() {
        Map<String, Object> config = common(settings.registryPort());
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

    private ServiceSpec streamService(String name, String mainClass, int port) {
        Map<String, Object> config = common(port);
        config.put(STATE_DIR_KEYS.getOrDefault(name, "kafka.streams.default.state.dir"), stateDir(name));
        if ("router".equals(name)) {
            // only the router computes digests; nodes and the other services never hold the network key
            config.put("aegis.network-key", secrets.networkKey());
        }
        return new ServiceSpec(name, "services/" + name, mainClass, port, config);
    }

    private ServiceSpec node(String country) {
        NodeSecrets node = secrets.node(country);
        Map<String, Object> config = common(settings.nodePort(country));
        config.put("kafka.streams.default.state.dir", stateDir("node-" + country));
        config.put("aegis.node.country", country);
        config.put("aegis.node.agency", "demo-agency-" + country.toLowerCase(java.util.Locale.ROOT));
        config.put("aegis.node.key-id", "default");
        config.put("aegis.node.signing-key", node.signingKey());
        for (DemoRole role : DemoRole.values()) {
            String prefix = "aegis.node.users." + userIds.apply(country, role);
            config.put(prefix + ".token-sha256", NodeSecrets.sha256Hex(node.token(role)));
            config.put(prefix + ".roles", List.of(role.nodeRole()));
        }
        return new ServiceSpec("node-" + country, "services/node", "io.aegis.node.NodeApplication",
                settings.nodePort(country), config);
    }

    private Map<String, Object> common(int port) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("micronaut.server.port", port);
        config.put("kafka.bootstrap.servers", settings.bootstrapServers());
        config.put("aegis.registry.url", settings.registryUrl());
        config.put("aegis.infra.dir", settings.infraDir().toString());
        config.put("aegis.members-file", membersFile().toString());
        return config;
    }

    private String stateDir(String name) {
        return settings.varDir().resolve("state").resolve(name).toString();
    }
}
