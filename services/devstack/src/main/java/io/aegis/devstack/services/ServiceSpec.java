package io.aegis.devstack.services;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One Aegis service process of the devstack.
 *
 * @param name      component name: log file, pid file and config file are named after it
 * @param module    Maven module directory relative to the repository root
 * @param mainClass the application's main class
 * @param port      HTTP port; {@code /health} on it tells when the service is ready
 * @param config    configuration as dotted keys, written to {@code var/config/<name>.yml}
 */
public record ServiceSpec(String name, String module, String mainClass, int port, Map<String, Object> config) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(mainClass, "mainClass");
        config = Map.copyOf(new TreeMap<>(config));
    }

    /** The main class's source file, relative to the module: present once the service is written. */
    public String mainSource() {
        return "src/main/java/" + mainClass.replace('.', '/') + ".java";
    }
}
