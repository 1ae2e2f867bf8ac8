package io.aegis.registry.domain;

/** Avro schema texts used across the registry tests, named by how they evolve. */
final class TestSchemas {

    /** {@code Signal{id}}. */
    static final String V1 = """
            {"type":"record","name":"Signal","namespace":"io.aegis.test","fields":[
              {"name":"id","type":"string"}]}""";

    /** V1 plus an optional field with a default: compatible in both directions. */
    static final String V2_ADDED_WITH_DEFAULT = """
            {"type":"record","name":"Signal","namespace":"io.aegis.test","fields":[
              {"name":"id","type":"string"},
              {"name":"severity","type":"int","default":1}]}""";

    /** V1 plus a required field: old data cannot be read (not backward), new data can be read by V1 (forward). */
    static final String V2_ADDED_REQUIRED = """
            {"type":"record","name":"Signal","namespace":"io.aegis.test","fields":[
              {"name":"id","type":"string"},
              {"name":"severity","type":"int"}]}""";

    /** V1 with its field removed and none added: backward (reader ignores id), not forward. */
    static final String V2_REMOVED_FIELD = """
            {"type":"record","name":"Signal","namespace":"io.aegis.test","fields":[]}""";

    /** Changes the type of id: incompatible in both directions. */
    static final String V2_CHANGED_TYPE = """
            {"type":"record","name":"Signal","namespace":"io.aegis.test","fields":[
              {"name":"id","type":"int"}]}""";

    /** A different record altogether. */
    static final String OTHER = """
            {"type":"record","name":"Other","namespace":"io.aegis.test","fields":[
              {"name":"value","type":"long"}]}""";

    private TestSchemas() {
    }
}
