package io.aegis.devstack.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aegis.devstack.config.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code var/devstack.json}: how scripts and tests find a running devstack. Its shape is a
 * public contract (ARCHITECTURE.md, "Embedded default"):
 * {@code {"broker", "registry", "nodes": {CC: {"url", "tokens": {publisher, officer, operator, admin}}}}},
 * nodes in port order.
 */
public final class DevstackDescriptor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DevstackDescriptor() {
    }

    /** The descriptor as a JSON-ready tree, keys in contract order. */
    public static Map<String, Object> describe(StackSettings settings, StackSecrets secrets) {
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
            nodes.put(country, entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("broker", settings.bootstrapServers());
        root.put("registry", settings.registryUrl());
        root.put("nodes", nodes);
        return root;
    }

    /** Writes the descriptor atomically, so a reader never sees half a file. */
    public static void write(Path file, StackSettings settings, StackSecrets secrets) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), describe(settings, secrets));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
