package io.aegis.registry.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels, decided by Avro's own {@link SchemaCompatibility}.
 *
 * <p>BACKWARD: the new schema can read data written with the earlier one. FORWARD: the earlier
 * schema can read data written with the new one. FULL: both. The plain levels compare with the
 * latest live version only; the {@code _TRANSITIVE} forms compare with every live version.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Parses a level the way Confluent does (case-insensitive); an unknown name is a 42203. */
    public static CompatibilityLevel parse(String value) {
        if (value == null || value.isBlank()) {
            throw RegistryException.invalidCompatibilityLevel(String.valueOf(value));
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidCompatibilityLevel(value);
        }
    }

    /**
     * Checks a candidate against earlier schemas of a subject.
     *
     * @param candidate the schema being registered or tested
     * @param earlier live versions of the subject, oldest first
     * @return the reasons it is incompatible; empty when compatible
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> earlier) {
        List<String> problems = new ArrayList<>();
        if (this == NONE || earlier.isEmpty()) {
            return problems;
        }
        List<Schema> compared = transitive ? earlier : List.of(earlier.get(earlier.size() - 1));
        for (Schema existing : compared) {
            if (backward) {
                describe("BACKWARD", SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing), problems);
            }
            if (forward) {
                describe("FORWARD", SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate), problems);
            }
        }
        return problems;
    }

    private static void describe(String direction, SchemaPairCompatibility result, List<String> problems) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(
                "{direction:" + direction
                        + ", errorType:'" + incompatibility.getType() + "'"
                        + ", description:'" + incompatibility.getMessage() + "'"
                        + ", location:'" + incompatibility.getLocation() + "'}"));
    }
}
