package io.aegis.kafka.registry;

import org.apache.avro.Schema;

/**
 * A client of a Confluent-compatible schema registry. Implementations are thread-safe and
 * cache what the registry answers (a schema id never changes its schema).
 */
public interface SchemaRegistryClient {

    /**
     * Registers a schema under a subject, or finds it if already registered there.
     *
     * @return the registry-wide schema id
     * @throws SchemaRegistryException when the registry refuses the schema or cannot be reached
     */
    int register(String subject, Schema schema);

    /**
     * The schema with a given id.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} when unknown
     */
    Schema getSchemaById(int id);

    /**
     * The id of a schema already registered under a subject, without registering it.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} when the
     *                                 subject or the schema under it is unknown
     */
    int getId(String subject, Schema schema);
}
