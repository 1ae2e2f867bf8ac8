package io.aegis.replay.archive;

import org.apache.avro.Schema;

/** Finds a writer schema by its registry id (export side). */
@FunctionalInterface
public interface SchemaLookup {

    Schema schemaById(int id);
}
