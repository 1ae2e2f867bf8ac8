package io.aegis.devstack.infra;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.SchemaProvisioning;
import io.aegis.kafka.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./aegis schemas}: registers the schema of every topic of the members of
 * {@code infra/members.yaml} as the registry's administrator, as the devstack does at
 * {@code up} (the services may register only their own Kafka Streams subjects). Used by the
 * compose and Kubernetes init jobs. The password is never an argument: it is read from
 * {@link #PASSWORD_VARIABLE}.
 */
public final class SchemasCommand {

    /** The environment variable holding the registry administrator's password. */
    public static final String PASSWORD_VARIABLE = "AEGIS_REGISTRY_PASSWORD";

    private final PrintStream out;
    private final Map<String, String> env;

    public SchemasCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    /** Parses {@code --registry URL --user USER [--infra DIR]}. */
    public void run(List<String> options, Path defaultInfra) throws IOException {
        Map<String, String> args = Options.parse(options, List.of("--registry", "--user", "--infra"), List.of());
        if (args.get("--registry") == null || args.get("--user") == null) {
            throw new IllegalArgumentException("--registry URL and --user USER are required");
        }
        String password = env.get(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("set " + PASSWORD_VARIABLE + " (the registry password of "
                    + args.get("--user") + ")");
        }
        Path infra = args.containsKey("--infra") ? Path.of(args.get("--infra")) : defaultInfra;
        HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.create(args.get("--registry"), args.get("--user"),
                password);
        List<SchemaProvisioning.Registration> subjects = SchemaProvisioning.registerAll(registry,
                new Topics(new SerdeFactory(registry)), new ManifestFiles(infra).members());
        long created = subjects.stream().filter(SchemaProvisioning.Registration::created).count();
        out.println("Schemas: " + created + " registered, " + (subjects.size() - created) + " already there (as "
                + args.get("--user") + ")");
    }
}
