package io.aegis.kafka.avro;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro instantiate the generated contract classes. Avro 1.12 only loads classes it trusts
 * (its own defaults plus {@code org.apache.avro.SERIALIZABLE_PACKAGES}); without this, reading a
 * contract record or building one whose defaults hold an enum fails with "Forbidden
 * io.aegis.schema…". {@link #trustContracts()} adds the {@code io.aegis.schema} packages to
 * whatever is already trusted. Idempotent and thread-safe; the serdes, hashing and hash-chain
 * classes call it themselves, and a service calls it first thing in {@code main}.
 */
public final class AvroTrust {

    /** Packages of the generated contract classes. */
    public static final String CONTRACT_PACKAGE_PREFIX = "io.aegis.schema.";

    private static final ClassSecurityPredicate CONTRACTS =
            type -> type.getPackageName().startsWith(CONTRACT_PACKAGE_PREFIX);
    private static volatile boolean installed;

    private AvroTrust() {
    }

    /** Trusts the contract packages in addition to the currently trusted classes. */
    public static void trustContracts() {
        if (installed) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (!installed) {
                ClassSecurityValidator.setGlobal(
                        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), CONTRACTS));
                installed = true;
            }
        }
    }
}
