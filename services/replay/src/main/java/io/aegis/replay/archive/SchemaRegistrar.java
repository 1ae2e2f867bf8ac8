package io.aegis.replay.archive;

import org.apache.avro.Schema;

/** Registers a writer schema under a subject of the target registry and returns its id there (import side). */
@FunctionalInterface
public interface SchemaRegistrar {

    int register(String subject, Schema schema);
}
