package io.aegis.devstack;

import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.StackSecrets.Realm;
import io.aegis.devstack.security.StackLogins;
import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.topic.SchemaProvisioning;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import java.io.PrintStream;
import java.util.List;

/**
 * Registers the schema of every topic the devstack's members use, as the registry's
 * administrator, before any service but the registry starts: the services look the network's
 * schemas up and may register only their own Kafka Streams subjects.
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
        HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.create(settings.registryUrl(),
                StackLogins.REGISTRY_ADMIN, logins.password(Realm.REGISTRY, StackLogins.REGISTRY_ADMIN));
        List<SchemaProvisioning.Registration> subjects = SchemaProvisioning.registerAll(registry,
                new Topics(new SerdeFactory(registry)), settings.countries());
        long created = subjects.stream().filter(SchemaProvisioning.Registration::created).count();
        out.println("Schemas: " + created + " registered, " + (subjects.size() - created) + " already there (as "
                + StackLogins.REGISTRY_ADMIN + ")");
    }
}
