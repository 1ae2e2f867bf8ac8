package io.aegis.registry;

import io.micronaut.runtime.Micronaut;

/** Starts the schema registry (Confluent Schema Registry REST API, default port 8081). */
public final class RegistryApplication {

    private RegistryApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(RegistryApplication.class, args);
    }
}
