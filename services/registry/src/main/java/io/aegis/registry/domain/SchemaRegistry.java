package io.aegis.registry.domain;

import io.aegis.registry.domain.LogEntry.ConfigChange;
import io.aegis.registry.domain.LogEntry.SchemaClaim;
import io.aegis.registry.domain.LogEntry.SubjectDeletion;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry's rules, independent of HTTP and of where the log lives.
 *
 * <p>Registering decides compatibility against this instance's state and then appends a
 * conditional {@link SchemaClaim}. Every instance resolves claims identically in log order, so
 * when two instances race for the same id or version exactly one claim wins everywhere; the
 * loser re-reads the (now updated) state and tries again, re-checking compatibility. Invariants:
 * the same canonical schema always gets the same global id, ids are never reused for another
 * schema, and a schema only becomes a version after passing the subject's compatibility level
 * against the versions that precede it in the log.
 */
public final class SchemaRegistry {

    static final int MAX_CLAIM_ATTEMPTS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistry.class);

    private final SchemaStore store;
    private final ReentrantLock writeLock = new ReentrantLock();

    public SchemaRegistry(SchemaStore store) {
        this.store = store;
    }

    /** Registers a schema under a subject and returns its global id (the existing one if known). */
    public int register(String subject, String schemaText, String schemaType) {
        Schema schema = AvroSchemas.parse(schemaText, schemaType);
        String canonical = AvroSchemas.canonical(schema);
        writeLock.lock();
        try {
            for (int attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
                RegistryState state = store.state();
                SubjectVersion existing = liveVersionOf(subject, canonical);
                if (existing != null) {
                    return existing.id();
                }
                requireCompatible(subject, schema, state.effectiveLevel(subject), liveSchemas(subject));
                int id = state.idOf(canonical).orElseGet(state::nextId);
                int version = state.highestVersion(subject) + 1;
                Outcome outcome = store.append(new SchemaClaim(newClaimId(), subject, version, id, canonical));
                if (outcome.accepted()) {
                    return id;
                }
                LOG.info("Claim of id {} as version {} of '{}' lost to a concurrent writer ({}); retrying",
                        id, version, subject, outcome.reason());
            }
        } finally {
            writeLock.unlock();
        }
        throw RegistryException.storeError("could not claim an id for subject '" + subject
                + "' after " + MAX_CLAIM_ATTEMPTS + " attempts against concurrent writers", null);
    }

    /** Finds the live version of a subject that holds this schema. */
    public SubjectVersion lookup(String subject, String schemaText, String schemaType) {
        Schema schema = AvroSchemas.parse(schemaText, schemaType);
        requireLiveSubject(subject);
        SubjectVersion found = liveVersionOf(subject, AvroSchemas.canonical(schema));
        if (found == null) {
            throw RegistryException.schemaNotFound("Schema not found");
        }
        return found;
    }

    public String schemaById(int id) {
        return store.state().schemaById(id).map(AvroSchemas::canonical)
                .orElseThrow(() -> RegistryException.schemaNotFound("Schema " + id + " not found"));
    }

    public List<String> subjects(boolean includeDeleted) {
        return store.state().subjects(includeDeleted);
    }

    public List<Integer> versions(String subject) {
        return versions(subject, false);
    }

    /** A subject's version numbers; with {@code includeDeleted}, soft-deleted ones too. */
    public List<Integer> versions(String subject, boolean includeDeleted) {
        List<SubjectVersion> versions = includeDeleted ? store.state().versions(subject, true) : requireLiveSubject(subject);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions.stream().map(SubjectVersion::version).toList();
    }

    public SubjectVersion version(String subject, VersionSpec spec) {
        List<SubjectVersion> live = requireLiveSubject(subject);
        if (spec.isLatest()) {
            return live.get(live.size() - 1);
        }
        return live.stream().filter(v -> v.version() == spec.number()).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(spec.number()));
    }

    /** Soft-deletes a subject; its versions stay readable by id and its numbers are never reused. */
    public List<Integer> deleteSubject(String subject) {
        RegistryState state = store.state();
        if (!state.everExisted(subject)) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (state.versions(subject, false).isEmpty()) {
            throw RegistryException.subjectSoftDeleted(subject);
        }
        return store.append(new SubjectDeletion(newClaimId(), subject)).deletedVersions();
    }

    public CompatibilityLevel globalLevel() {
        return store.state().globalLevel();
    }

    public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        RegistryState state = store.state();
        return state.subjectLevel(subject)
                .or(() -> defaultToGlobal ? Optional.of(state.globalLevel()) : Optional.empty())
                .orElseThrow(() -> RegistryException.subjectLevelConfigNotFound(subject));
    }

    /** Sets the global level ({@code subject} null) or a subject's level. */
    public void setLevel(String subject, CompatibilityLevel level) {
        store.append(new ConfigChange(subject, level));
    }

    /** Removes a subject's own level and returns the one it had. */
    public CompatibilityLevel deleteSubjectLevel(String subject) {
        CompatibilityLevel previous = subjectLevel(subject, false);
        store.append(new ConfigChange(subject, null));
        return previous;
    }

    /**
     * Tests a schema against a subject's latest version (under its level, transitive levels
     * meaning every live version) or against one given version.
     *
     * @return the incompatibilities found; empty when compatible
     */
    public List<String> testCompatibility(String subject, VersionSpec spec, String schemaText, String schemaType) {
        Schema schema = AvroSchemas.parse(schemaText, schemaType);
        CompatibilityLevel level = store.state().effectiveLevel(subject);
        if (spec.isLatest()) {
            return level.incompatibilities(schema, liveSchemas(subject));
        }
        Schema against = store.state().schemaById(version(subject, spec).id()).orElseThrow();
        return level.incompatibilities(schema, List.of(against));
    }

    private void requireCompatible(String subject, Schema schema, CompatibilityLevel level, List<Schema> earlier) {
        List<String> problems = level.incompatibilities(schema, earlier);
        if (!problems.isEmpty()) {
            throw RegistryException.incompatible("Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\" under compatibility level " + level + ", details: " + problems);
        }
    }

    private List<SubjectVersion> requireLiveSubject(String subject) {
        List<SubjectVersion> live = store.state().versions(subject, false);
        if (live.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return live;
    }

    private SubjectVersion liveVersionOf(String subject, String canonical) {
        return store.state().versions(subject, false).stream()
                .filter(v -> v.schema().equals(canonical)).findFirst().orElse(null);
    }

    private List<Schema> liveSchemas(String subject) {
        RegistryState state = store.state();
        return state.versions(subject, false).stream()
                .map(v -> state.schemaById(v.id()).orElseThrow()).toList();
    }

    private static String newClaimId() {
        return UUID.randomUUID().toString();
    }
}
