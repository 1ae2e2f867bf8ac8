package io.aegis.devstack.demo;

import io.aegis.devstack.domain.DemoRole;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running devstack as {@code var/devstack.json} describes it: one client per node and demo
 * role. Invariant: built only from a complete descriptor (every node with a URL and all four
 * tokens); anything less is refused with the missing field named.
 */
public final class DemoNetwork {

    private final Map<String, Map<DemoRole, NodeClient>> nodes;

    private DemoNetwork(Map<String, Map<DemoRole, NodeClient>> nodes) {
        this.nodes = nodes;
    }

    /** Reads the descriptor tree ({@code nodes.CC.url}, {@code nodes.CC.tokens.<role>}). */
    public static DemoNetwork from(Map<String, Object> descriptor) {
        if (!(descriptor.get("nodes") instanceof Map<?, ?> raw) || raw.isEmpty()) {
            throw new IllegalArgumentException("devstack.json: 'nodes' must list the running nodes");
        }
        Map<String, Map<DemoRole, NodeClient>> nodes = new LinkedHashMap<>();
        raw.forEach((country, value) -> nodes.put(String.valueOf(country), clients(String.valueOf(country), value)));
        return new DemoNetwork(nodes);
    }

    private static Map<DemoRole, NodeClient> clients(String country, Object value) {
        if (!(value instanceof Map<?, ?> node) || !(node.get("url") instanceof String url)
                || !(node.get("tokens") instanceof Map<?, ?> tokens)) {
            throw new IllegalArgumentException("devstack.json: nodes." + country + " needs 'url' and 'tokens'");
        }
        Map<DemoRole, NodeClient> clients = new LinkedHashMap<>();
        for (DemoRole role : DemoRole.values()) {
            if (!(tokens.get(role.key()) instanceof String token)) {
                throw new IllegalArgumentException("devstack.json: nodes." + country + ".tokens." + role.key()
                        + " is missing");
            }
            clients.put(role, new NodeClient(country, URI.create(url), token));
        }
        return clients;
    }

    public List<String> countries() {
        return new ArrayList<>(nodes.keySet());
    }

    public NodeClient client(String country, DemoRole role) {
        Map<DemoRole, NodeClient> node = nodes.get(country);
        if (node == null) {
            throw new IllegalArgumentException("no node " + country + " in devstack.json; nodes: " + countries());
        }
        return node.get(role);
    }
}
