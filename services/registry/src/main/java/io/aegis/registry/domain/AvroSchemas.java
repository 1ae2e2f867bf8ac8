package io.aegis.registry.domain;

import org.apache.avro.Schema;

/**
 * Parses schema text the way the registry accepts it: Avro only, defaults validated, and a
 * canonical text ({@link Schema#toString()}, whitespace-free JSON) that decides whether two
 * registrations are "the same schema".
 */
public final class AvroSchemas {

    public static final String AVRO = "AVRO";

    private AvroSchemas() {
    }

    /**
     * @param text the schema's JSON text
     * @param schemaType {@code null} or {@code AVRO}; anything else is refused
     * @return the parsed schema
     * @throws RegistryException 42201 naming what is wrong
     */
    public static Schema parse(String text, String schemaType) {
        if (schemaType != null && !AVRO.equalsIgnoreCase(schemaType)) {
            throw RegistryException.invalidSchema("Invalid schemaType '" + schemaType
                    + "': this registry supports only AVRO");
        }
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("Invalid schema: field 'schema' is required and must not be empty");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            // Avro signals bad text, bad names and bad defaults with several unchecked types.
            throw RegistryException.invalidSchema("Invalid schema " + text + ", details: " + e.getMessage());
        }
    }

    /** The canonical text of already-stored schema text (which was canonical when stored). */
    public static String canonical(Schema schema) {
        return schema.toString();
    }
}
