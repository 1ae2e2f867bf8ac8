package io.aegis.kafka.registry;

import io.aegis.kafka.avro.AvroTrust;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for unit tests and TopologyTestDriver. Behaves like the
 * Confluent registry for the operations Aegis uses: ids start at 1, an identical schema gets
 * the same id under every subject, re-registering is idempotent, unknown ids and subjects
 * answer "not found". No compatibility checks. Thread-safe.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    static {
        AvroTrust.trustContracts();
    }

    private static final String NAME = "in-memory";

    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        requireSubject(subject, "register");
        Objects.requireNonNull(schema, "schema");
        int id = idsByCanonical.computeIfAbsent(schema.toString(), canonical -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, new Schema.Parser().parse(canonical));
            return next;
        });
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized Schema getSchemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(NAME, "get schema by id " + id, 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found", null);
        }
        return schema;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        requireSubject(subject, "look up schema");
        Objects.requireNonNull(schema, "schema");
        String operation = "look up schema under subject '" + subject + "'";
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(NAME, operation, 404,
                    SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.", null);
        }
        Integer id = idsByCanonical.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new SchemaRegistryException(NAME, operation, 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found", null);
        }
        return id;
    }

    /** The subjects registered so far, for assertions in tests. */
    public synchronized List<String> subjects() {
        return versionsBySubject.keySet().stream().sorted().toList();
    }

    private static void requireSubject(String subject, String operation) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException(operation + ": subject must not be blank");
        }
    }
}
