package io.aegis.kafka.topic;

import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryException;
import io.aegis.kafka.serde.SubjectNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Registers, up front, the schema of every topic of the catalogue under the subject the serde
 * uses ({@code <topic>-value}, Confluent's TopicNameStrategy; keys are UTF-8 strings and have no
 * subject), so that services can run with {@code aegis.registry.auto-register: false} and
 * registry credentials that cannot write. Meant to run as a registry admin, e.g. when a stack comes up.
 *
 * <p>Idempotent: a schema already registered under its subject is only looked up (a read, which any
 * registry user may do) and reported as such; running it twice changes nothing. The schemas' counterpart of
 * {@link TopicProvisioner}. A schema the
 * registry refuses (incompatible with what the subject holds, or a forbidden write) fails the run
 * with the {@link SchemaRegistryException} naming the subject.
 */
public final class SchemaProvisioning {

    private SchemaProvisioning() {
    }

    /**
     * One subject and the schema id it holds.
     *
     * @param subject    {@code <topic>-value}
     * @param schemaName the full name of the record registered
     * @param id         the registry-wide schema id
     * @param created    true when this run registered it, false when the subject already held it
     */
    public record Registration(String subject, String schemaName, int id, boolean created) {

        @Override
        public String toString() {
            return subject + " -> " + schemaName + " id " + id + (created ? " (registered)" : " (already registered)");
        }
    }

    /**
     * Registers the value schema of every per-country topic of each member and of every shared topic.
     *
     * @param topics    the catalogue (its serdes are not used; any registry behind them will do)
     * @param countries the member country codes (ISO 3166-1 alpha-2, upper case)
     * @return one registration per subject, per-country subjects first, in the catalogue's order
     * @throws SchemaRegistryException when the registry refuses a schema or cannot be reached
     * @throws IllegalArgumentException when a country code is malformed
     */
    public static List<Registration> registerAll(SchemaRegistryClient client, Topics topics, List<String> countries) {
        countries.forEach(TopicNames::requireCountry);
        List<Registration> registrations = new ArrayList<>();
        for (Map.Entry<String, Schema> topic : topics.valueSchemas(countries).entrySet()) {
            registrations.add(ensure(client, SubjectNames.topicName(topic.getKey(), false), topic.getValue()));
        }
        return List.copyOf(registrations);
    }

    private static Registration ensure(SchemaRegistryClient client, String subject, Schema schema) {
        try {
            return new Registration(subject, schema.getFullName(), client.getId(subject, schema), false);
        } catch (SchemaRegistryException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        return new Registration(subject, schema.getFullName(), client.register(subject, schema), true);
    }
}
