package io.aegis.registry.support;

import java.util.Map;

/** Named Avro schema texts for HTTP-level tests, chosen by how they evolve from {@code v1}. */
public final class Schemas {

    public static final String V1 = record("{\"name\":\"id\",\"type\":\"string\"}");
    public static final String ADDED_WITH_DEFAULT = record("{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"severity\",\"type\":\"int\",\"default\":1}");
    public static final String ADDED_REQUIRED = record("{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"severity\",\"type\":\"int\"}");
    public static final String REMOVED_FIELD = record("");
    public static final String CHANGED_TYPE = record("{\"name\":\"id\",\"type\":\"int\"}");
    public static final String ID_WITH_DEFAULT = record("{\"name\":\"id\",\"type\":\"string\",\"default\":\"x\"}");
    public static final String INT_ID_WITH_DEFAULT = record("{\"name\":\"id\",\"type\":\"int\",\"default\":0}");
    public static final String OTHER = "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"io.aegis.test\","
            + "\"fields\":[{\"name\":\"value\",\"type\":\"long\"}]}";

    private static final Map<String, String> BY_NAME = Map.of(
            "V1", V1, "ADDED_WITH_DEFAULT", ADDED_WITH_DEFAULT, "ADDED_REQUIRED", ADDED_REQUIRED,
            "REMOVED_FIELD", REMOVED_FIELD, "CHANGED_TYPE", CHANGED_TYPE, "ID_WITH_DEFAULT", ID_WITH_DEFAULT,
            "INT_ID_WITH_DEFAULT", INT_ID_WITH_DEFAULT, "OTHER", OTHER);

    private Schemas() {
    }

    public static String named(String name) {
        String schema = BY_NAME.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no test schema named " + name);
        }
        return schema;
    }

    /** A distinct schema per index, all mutually unrelated. */
    public static String numbered(int index) {
        return "{\"type\":\"record\",\"name\":\"N" + index + "\",\"namespace\":\"io.aegis.test\","
                + "\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}";
    }

    private static String record(String fields) {
        return "{\"type\":\"record\",\"name\":\"Signal\",\"namespace\":\"io.aegis.test\",\"fields\":[" + fields + "]}";
    }
}
