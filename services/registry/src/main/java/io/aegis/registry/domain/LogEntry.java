package io.aegis.registry.domain;

import java.util.Objects;

/**
 * One record of the registry's log. Every instance applies the same entries in the same (log)
 * order through {@link RegistryState#apply(LogEntry)}, which is deterministic: that is what
 * makes instances agree.
 */
public sealed interface LogEntry {

    /**
     * A conditional claim: "bind {@code id} to {@code schema} and make it {@code version} of
     * {@code subject}". It takes effect only if, at its position in the log, the id is free or
     * already bound to this very schema, the schema has no other id, and {@code version} is
     * exactly one more than the subject's highest version (deleted ones included).
     *
     * @param claimId unique per claim; part of the record key so compaction never drops a claim
     */
    record SchemaClaim(String claimId, String subject, int version, int id, String schema) implements LogEntry {
        public SchemaClaim {
            Objects.requireNonNull(claimId, "claimId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /** Soft-deletes every live version the subject has at this entry's position in the log. */
    record SubjectDeletion(String claimId, String subject) implements LogEntry {
        public SubjectDeletion {
            Objects.requireNonNull(claimId, "claimId");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /**
     * Sets ({@code level} non-null) or removes ({@code level} null) a compatibility level:
     * the global one when {@code subject} is null. Only the latest per subject matters, so these
     * are the entries compaction may drop.
     */
    record ConfigChange(String subject, CompatibilityLevel level) implements LogEntry {
    }
}
