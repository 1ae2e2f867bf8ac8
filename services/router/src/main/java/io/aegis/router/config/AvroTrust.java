package io.aegis.router.config;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 loads generated classes by name only from trusted packages. The Aegis contract
 * packages are trusted in addition to whatever the JVM already trusts.
 */
public final class AvroTrust {

    private static final String CONTRACTS = "io.aegis.schema.";

    private AvroTrust() {
    }

    public static synchronized void install() {
        ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(type -> type.getName().startsWith(CONTRACTS) || current.isTrusted(type));
    }
}
