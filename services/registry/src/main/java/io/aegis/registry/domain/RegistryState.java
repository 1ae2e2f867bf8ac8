package io.aegis.registry.domain;

import io.aegis.registry.domain.LogEntry.ConfigChange;
import io.aegis.registry.domain.LogEntry.SchemaClaim;
import io.aegis.registry.domain.LogEntry.SubjectDeletion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's state as rebuilt from its log: schemas by global id, subjects and their
 * versions, compatibility configuration.
 *
 * <p>Invariants: an id names exactly one canonical schema and a canonical schema has exactly one
 * id (across subjects); a subject's version numbers only grow, without gaps, and are never
 * reused, even after a soft delete. {@link #apply(LogEntry)} is a pure function of the state and
 * the entry, so every instance that applies the same log reaches the same state. Thread-safe:
 * one reader thread applies, request threads read.
 */
public final class RegistryState {

    private record Version(int id, boolean deleted) {
    }

    private final Map<Integer, Schema> schemaById = new HashMap<>();
    private final Map<Integer, String> canonicalById = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private final CompatibilityLevel defaultLevel;
    private CompatibilityLevel globalLevel;
    private int highestId;

    public RegistryState(CompatibilityLevel defaultLevel) {
        this.defaultLevel = defaultLevel;
        this.globalLevel = defaultLevel;
    }

    /** Applies one log entry; refused claims leave the state untouched. */
    public synchronized Outcome apply(LogEntry entry) {
        if (entry instanceof SchemaClaim claim) {
            return applyClaim(claim);
        }
        if (entry instanceof SubjectDeletion deletion) {
            return applyDeletion(deletion);
        }
        return applyConfig((ConfigChange) entry);
    }

    private Outcome applyClaim(SchemaClaim claim) {
        if (claim.id() < 1) {
            return Outcome.refused("id must be positive");
        }
        Schema schema;
        try {
            schema = AvroSchemas.parse(claim.schema(), AvroSchemas.AVRO);
        } catch (RegistryException e) {
            return Outcome.refused("schema does not parse: " + e.getMessage());
        }
        String canonical = AvroSchemas.canonical(schema);
        Integer knownId = idByCanonical.get(canonical);
        if (knownId != null && knownId != claim.id()) {
            return Outcome.refused("schema already has id " + knownId);
        }
        String bound = canonicalById.get(claim.id());
        if (bound != null && !bound.equals(canonical)) {
            return Outcome.refused("id " + claim.id() + " is bound to another schema");
        }
        int expected = highestVersion(claim.subject()) + 1;
        if (claim.version() != expected) {
            return Outcome.refused("version " + claim.version() + " is not the next version " + expected);
        }
        schemaById.put(claim.id(), schema);
        canonicalById.put(claim.id(), canonical);
        highestId = Math.max(highestId, claim.id());
        idByCanonical.put(canonical, claim.id());
        subjects.computeIfAbsent(claim.subject(), s -> new TreeMap<>()).put(claim.version(), new Version(claim.id(), false));
        return Outcome.applied();
    }

    private Outcome applyDeletion(SubjectDeletion deletion) {
        TreeMap<Integer, Version> versions = subjects.getOrDefault(deletion.subject(), new TreeMap<>());
        List<Integer> deleted = new ArrayList<>();
        versions.replaceAll((number, version) -> {
            if (!version.deleted()) {
                deleted.add(number);
            }
            return new Version(version.id(), true);
        });
        return Outcome.deleted(deleted);
    }

    private Outcome applyConfig(ConfigChange change) {
        if (change.subject() == null) {
            globalLevel = change.level() == null ? defaultLevel : change.level();
        } else if (change.level() == null) {
            subjectLevels.remove(change.subject());
        } else {
            subjectLevels.put(change.subject(), change.level());
        }
        return Outcome.applied();
    }

    /** The highest version the subject ever had, deleted ones included; 0 if none. */
    public synchronized int highestVersion(String subject) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    /** The id the next new schema would get. */
    public synchronized int nextId() {
        return highestId + 1;
    }

    public synchronized Optional<Schema> schemaById(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    public synchronized Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idByCanonical.get(canonicalSchema));
    }

    /** Subjects in name order; those whose versions are all deleted only when asked. */
    public synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream()
                .filter(e -> includeDeleted || e.getValue().values().stream().anyMatch(v -> !v.deleted()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Whether the subject ever had a version (possibly all deleted now). */
    public synchronized boolean everExisted(String subject) {
        return subjects.containsKey(subject);
    }

    /** The subject's versions, oldest first. */
    public synchronized List<SubjectVersion> versions(String subject, boolean includeDeleted) {
        List<SubjectVersion> result = new ArrayList<>();
        subjects.getOrDefault(subject, new TreeMap<>()).forEach((number, version) -> {
            if (includeDeleted || !version.deleted()) {
                result.add(new SubjectVersion(subject, number, version.id(),
                        canonicalById.get(version.id()), version.deleted()));
            }
        });
        return result;
    }

    public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    public synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    /** The level that governs a subject: its own if set, else the global one. */
    public synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
