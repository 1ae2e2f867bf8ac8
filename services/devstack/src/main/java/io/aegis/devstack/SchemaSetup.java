package io.aegis.devstack;

import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.devstack.security.StackLogins;
import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.RetryPolicy;
import io.aegis.kafka.registry.SchemaProvisioning;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import java.io.PrintStream;
import java.util.List;

/**
 * Registers the schema of every topic the devstack's members use, as the registry's
 * administrator, before any service starts: the services themselves only look schemas up
 * ({@code aegis.registry.auto-register: false}) and hold no registry write permission.
 */
final class SchemaSetup {

    private final StackSettings settings;
    private final StackLogins logins;
    private final PrintStream out;

    SchemaSetup(StackSettings settings, StackLogins logins, PrintStream out) {
        this.settings = settings;
        this.logins = logins;
        this.out = out;
    }

    void registerAll() {
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(settings.registryUrl(), RetryPolicy.DEFAULT,
                StackLogins.REGISTRY_ADMIN + ":" + logins.password(Realm.REGISTRY, StackLogins.REGISTRY_ADMIN));
        List<String> subjects = SchemaProvisioning.registerAll(registry, new Topics(new SerdeFactory(registry)),
                settings.countries());
        out.println("Schemas: " + subjects.size() + " subjects registered by " + StackLogins.REGISTRY_ADMIN);
    }
}
