package io.aegis.devstack.domain;

import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.devstack.security.StackLogins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aegis.devstack.config.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code var/devstack.json}: how scripts and tests find a running devstack, and the local stack's
 * secret store (written owner-only). Its shape is a public contract (ARCHITECTURE.md, "Embedded
 * default"): {@code {"broker", "registry", "router", "kafkaSecurity": {protocol, mechanism},
 * "operator": {"kafka": {principal, password}, "registry": {username, password}, "router": {...}},
 * "mailbox": {url, username, password},
 * "nodes": {CC: {"url", "tokens": {publisher, officer, operator, admin},
 * "users": {publisher, officer, operator, admin: {"name", "password"}}, "kafka", "registry", "router"}}}}
 * ("users": each demo user's sign-in name and password, next to its token),
 * nodes in port order: everything an independent client needs to act as a member or as the operator.
 */
public final class DevstackDescriptor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DevstackDescriptor() {
    }

    /** The descriptor as a JSON-ready tree, keys in contract order. */
    public static Map<String, Object> describe(StackSettings settings, StackSecrets secrets,
                                               BiFunction<String, DemoRole, String> userIds) {
        StackLogins logins = new StackLogins(settings, secrets);
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (String country : settings.countries()) {
            NodeSecrets node = secrets.node(country);
            Map<String, String> tokens = new LinkedHashMap<>();
            for (DemoRole role : DemoRole.values()) {
                tokens.put(role.key(), node.token(role));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("url", "http://localhost:" + settings.nodePort(country));
            entry.put("tokens", tokens);
            Map<String, Object> users = new LinkedHashMap<>();
            for (DemoRole role : DemoRole.values()) {
                users.put(role.key(), Map.of("name", userIds.apply(country, role), "password", node.password(role)));
            }
            entry.put("users", users);
            entry.putAll(logins(logins, StackLogins.node(country)));
            nodes.put(country, entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("broker", settings.bootstrapServers());
        root.put("registry", settings.registryUrl());
        root.put("router", "http://localhost:" + settings.routerPort());
        root.put("kafkaSecurity", Map.of("protocol", StackLogins.PROTOCOL.name, "mechanism", StackLogins.MECHANISM.kafkaName()));
        root.put("operator", logins(logins, StackLogins.OPERATOR));
        root.put("mailbox", Map.of("url", settings.mailboxUrl(), "username", StackLogins.MAILBOX_READER,
                "password", logins.password(Realm.MAIL, StackLogins.MAILBOX_READER)));
        root.put("nodes", nodes);
        return root;
    }

    /** A principal's Kafka, registry and router logins. */
    private static Map<String, Object> logins(StackLogins logins, String user) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kafka", Map.of("principal", user, "password", logins.password(Realm.KAFKA, user)));
        entry.put("registry", Map.of("username", user, "password", logins.password(Realm.REGISTRY, user)));
        entry.put("router", Map.of("username", user, "password", logins.password(Realm.ROUTER, user)));
        return entry;
    }

    /** Writes the descriptor atomically and owner-only, so a reader never sees half a file and nobody else sees it. */
    public static void write(Path file, StackSettings settings, StackSecrets secrets,
                             BiFunction<String, DemoRole, String> userIds) throws IOException {
        SecretFiles.write(file, JSON.writeValueAsString(describe(settings, secrets, userIds)));
    }

    /** Reads a descriptor back (the demo and the tests start from it). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " does not exist; start the devstack with ./aegis up");
        }
        return JSON.readValue(file.toFile(), Map.class);
    }
}
