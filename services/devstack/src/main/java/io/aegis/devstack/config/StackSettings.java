package io.aegis.devstack.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the devstack lives and which ports it uses. Every value has a documented default and
 * an environment override ({@code AEGIS_BROKER_PORT}, …). Invariants: all ports are valid and
 * pairwise distinct, node countries are distinct ISO 3166-1 alpha-2 codes, node {@code i}
 * listens on {@code nodeBasePort + i}.
 *
 * @param root           repository root (holds {@code mvnw}, {@code infra/}, {@code services/})
 * @param varDir         runtime data: broker log dirs, state, logs, pids, credentials
 * @param brokerPort     Kafka client listener
 * @param controllerPort KRaft controller listener
 * @param registryPort   schema registry HTTP port
 * @param routerPort     router health port
 * @param escalationPort escalation health port
 * @param responsePort   response health port
 * @param mailboxPort    the mailbox's page (captured paging mail)
 * @param smtpPort       the mailbox's SMTP listener, where the nodes send their officers' pages
 * @param nodeBasePort   port of the first node; the others follow
 * @param countries      the member countries that get a demo node, in port order
 * @param heap           maximum heap of each service JVM, as for {@code -Xmx}
 * @param brokers        Kafka brokers (each a combined broker and KRaft controller): 1, or 3 for a real
 *                       replicated cluster; broker {@code i} (1-based) listens on {@code brokerPort + 2(i-1)},
 *                       its controller on {@code controllerPort + 2(i-1)}
 */
public record StackSettings(Path root, Path varDir, int brokerPort, int controllerPort, int registryPort,
                            int routerPort, int escalationPort, int responsePort, int mailboxPort, int smtpPort,
                            int nodeBasePort, List<String> countries, String heap, int brokers) {

    /** Broker counts the devstack runs: one, or a three-node quorum (replication 3, min.insync.replicas 2). */
    public static final List<Integer> BROKER_COUNTS = List.of(1, 3);

    /** One broker. */
    public StackSettings(Path root, Path varDir, int brokerPort, int controllerPort, int registryPort, int routerPort,
                         int escalationPort, int responsePort, int mailboxPort, int smtpPort, int nodeBasePort,
                         List<String> countries, String heap) {
        this(root, varDir, brokerPort, controllerPort, registryPort, routerPort, escalationPort, responsePort,
                mailboxPort, smtpPort, nodeBasePort, countries, heap, 1);
    }

    /** The demo members: one node per region. */
    public static final List<String> DEFAULT_COUNTRIES = List.of("FR", "DE", "JP", "BR", "KE");

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[mMgG]");

    public StackSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(varDir, "varDir");
        countries = List.copyOf(countries);
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("AEGIS_BROKER_PORT", brokerPort);
        ports.put("AEGIS_CONTROLLER_PORT", controllerPort);
        ports.put("AEGIS_REGISTRY_PORT", registryPort);
        ports.put("AEGIS_ROUTER_PORT", routerPort);
        ports.put("AEGIS_ESCALATION_PORT", escalationPort);
        ports.put("AEGIS_RESPONSE_PORT", responsePort);
        ports.put("AEGIS_MAILBOX_PORT", mailboxPort);
        ports.put("AEGIS_SMTP_PORT", smtpPort);
        ports.put("AEGIS_NODE_PORT", nodeBasePort);
        if (!BROKER_COUNTS.contains(brokers)) {
            throw new IllegalArgumentException("the broker count (--brokers, AEGIS_BROKERS) must be one of "
                    + BROKER_COUNTS + ", got " + brokers);
        }
        for (int node = 2; node <= brokers; node++) {
            ports.put("AEGIS_BROKER_PORT (broker " + node + ")", brokerPort + 2 * (node - 1));
            ports.put("AEGIS_CONTROLLER_PORT (broker " + node + ")", controllerPort + 2 * (node - 1));
        }
        validate(countries, heap, ports, nodeBasePort);
    }

    /** The same settings with another broker count. */
    public StackSettings withBrokers(int count) {
        return new StackSettings(root, varDir, brokerPort, controllerPort, registryPort, routerPort, escalationPort,
                responsePort, mailboxPort, smtpPort, nodeBasePort, countries, heap, count);
    }

    /** The client port of broker {@code node} (1-based). */
    public int brokerPort(int node) {
        return brokerPort + 2 * (node - 1);
    }

    /** The controller port of broker {@code node} (1-based). */
    public int controllerPort(int node) {
        return controllerPort + 2 * (node - 1);
    }

    /** Defaults overridden by the {@code AEGIS_*} variables present in {@code env}. */
    public static StackSettings fromEnvironment(Path root, Map<String, String> env) {
        Path var = env.containsKey("AEGIS_VAR_DIR") ? Path.of(env.get("AEGIS_VAR_DIR")) : root.resolve("var");
        return new StackSettings(root.toAbsolutePath().normalize(), root.resolve(var).toAbsolutePath().normalize(),
                port(env, "AEGIS_BROKER_PORT", 9092), port(env, "AEGIS_CONTROLLER_PORT", 9093),
                port(env, "AEGIS_REGISTRY_PORT", 8081), port(env, "AEGIS_ROUTER_PORT", 8091),
                port(env, "AEGIS_ESCALATION_PORT", 8092), port(env, "AEGIS_RESPONSE_PORT", 8093),
                port(env, "AEGIS_MAILBOX_PORT", 8094), port(env, "AEGIS_SMTP_PORT", 2525),
                port(env, "AEGIS_NODE_PORT", 8101), countries(env), env.getOrDefault("AEGIS_HEAP", "320m"),
                brokers(env));
    }

    private static int brokers(Map<String, String> env) {
        String value = env.get("AEGIS_BROKERS");
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AEGIS_BROKERS must be one of " + BROKER_COUNTS + ", got '" + value + "'");
        }
    }

    /** The HTTP port of the node serving {@code country}. */
    public int nodePort(String country) {
        int index = countries.indexOf(country);
        if (index < 0) {
            throw new IllegalArgumentException("no demo node for country " + country + "; nodes: " + countries);
        }
        return nodeBasePort + index;
    }

    /** Every broker's client listener. */
    public String bootstrapServers() {
        return java.util.stream.IntStream.rangeClosed(1, brokers).mapToObj(node -> "localhost:" + brokerPort(node))
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The mailbox page, where the devstack shows the paging mail its SMTP server captured. */
    public String mailboxUrl() {
        return "http://localhost:" + mailboxPort;
    }

    public String registryUrl() {
        return "http://localhost:" + registryPort;
    }

    public Path infraDir() {
        return root.resolve("infra");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
        }
    }

    private static List<String> countries(Map<String, String> env) {
        String value = env.get("AEGIS_NODES");
        if (value == null || value.isBlank()) {
            return DEFAULT_COUNTRIES;
        }
        List<String> result = new ArrayList<>();
        for (String part : value.split(",")) {
            result.add(part.trim());
        }
        return result;
    }

    private static void validate(List<String> countries, String heap, Map<String, Integer> ports, int nodeBase) {
        if (countries.isEmpty()) {
            throw new IllegalArgumentException("AEGIS_NODES must name at least one country");
        }
        if (heap == null || !HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("AEGIS_HEAP must be a heap size such as 320m or 1g, got '" + heap + "'");
        }
        if (new LinkedHashSet<>(countries).size() != countries.size()) {
            throw new IllegalArgumentException("AEGIS_NODES must not repeat a country, got " + countries);
        }
        for (String country : countries) {
            if (!COUNTRY.matcher(country).matches()) {
                throw new IllegalArgumentException("AEGIS_NODES entry '" + country
                        + "' must be an ISO 3166-1 alpha-2 code (two upper-case letters)");
            }
        }
        Map<Integer, String> used = new HashMap<>();
        ports.forEach((name, port) -> checkPort(name, port, used));
        for (int i = 1; i < countries.size(); i++) {
            checkPort("AEGIS_NODE_PORT (node " + countries.get(i) + ")", nodeBase + i, used);
        }
    }

    private static void checkPort(String name, int port, Map<Integer, String> used) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 1 and 65535, got " + port);
        }
        String clash = used.putIfAbsent(port, name);
        if (clash != null) {
            throw new IllegalArgumentException(name + " uses port " + port + ", already taken by " + clash);
        }
    }
}
