package io.aegis.registry.messaging;

import io.aegis.registry.domain.CompatibilityLevel;
import io.aegis.registry.domain.LogEntry;
import io.aegis.registry.domain.LogEntry.ConfigChange;
import io.aegis.registry.domain.LogEntry.SchemaClaim;
import io.aegis.registry.domain.LogEntry.SubjectDeletion;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes log entries as JSON key/value pairs for the compacted store topic, and back.
 *
 * <p>Keys decide what compaction may drop: schema claims and subject deletions carry their
 * unique claim id in the key, so compaction never removes one and a compacted log replays to the
 * same state; configuration keys are one per subject (or global), so only the latest survives,
 * and removing a subject's level is a tombstone.
 */
public final class LogRecordCodec {

    static final String SCHEMA = "SCHEMA";
    static final String DELETE_SUBJECT = "DELETE_SUBJECT";
    static final String CONFIG = "CONFIG";

    /** Record key. {@code subject} is null for the global configuration. */
    @Serdeable
    public record Key(String keytype, @Nullable String subject, @Nullable String claim) {
    }

    @Serdeable
    public record SchemaValue(String subject, int version, int id, String schema) {
    }

    @Serdeable
    public record DeleteSubjectValue(String subject) {
    }

    @Serdeable
    public record ConfigValue(String compatibilityLevel) {
    }

    /** An encoded record; {@code value} is null for a tombstone. */
    public record Encoded(byte[] key, byte[] value) {
    }

    private final JsonMapper json;

    public LogRecordCodec(JsonMapper json) {
        this.json = json;
    }

    public Encoded encode(LogEntry entry) {
        if (entry instanceof SchemaClaim claim) {
            return new Encoded(write(new Key(SCHEMA, claim.subject(), claim.claimId())),
                    write(new SchemaValue(claim.subject(), claim.version(), claim.id(), claim.schema())));
        }
        if (entry instanceof SubjectDeletion deletion) {
            return new Encoded(write(new Key(DELETE_SUBJECT, deletion.subject(), deletion.claimId())),
                    write(new DeleteSubjectValue(deletion.subject())));
        }
        ConfigChange change = (ConfigChange) entry;
        byte[] value = change.level() == null ? null : write(new ConfigValue(change.level().name()));
        return new Encoded(write(new Key(CONFIG, change.subject(), null)), value);
    }

    /**
     * Decodes one record.
     *
     * @throws IllegalArgumentException naming what is wrong when the record is not a registry entry
     */
    public LogEntry decode(byte[] key, byte[] value) {
        Key decodedKey = read(key, Key.class, "key");
        String type = String.valueOf(decodedKey.keytype());
        switch (type) {
            case SCHEMA -> {
                SchemaValue v = read(value, SchemaValue.class, "value");
                return new SchemaClaim(requireClaim(decodedKey), v.subject(), v.version(), v.id(), v.schema());
            }
            case DELETE_SUBJECT -> {
                DeleteSubjectValue v = read(value, DeleteSubjectValue.class, "value");
                return new SubjectDeletion(requireClaim(decodedKey), v.subject());
            }
            case CONFIG -> {
                CompatibilityLevel level = value == null ? null
                        : CompatibilityLevel.parse(read(value, ConfigValue.class, "value").compatibilityLevel());
                return new ConfigChange(decodedKey.subject(), level);
            }
            default -> throw new IllegalArgumentException("unknown keytype '" + type + "'");
        }
    }

    private static String requireClaim(Key key) {
        if (key.claim() == null || key.claim().isBlank()) {
            throw new IllegalArgumentException("key field 'claim' is required for keytype " + key.keytype());
        }
        return key.claim();
    }

    private byte[] write(Object object) {
        try {
            return json.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type, String part) {
        if (bytes == null) {
            throw new IllegalArgumentException("record " + part + " is missing");
        }
        try {
            T result = json.readValue(bytes, type);
            if (result == null) {
                throw new IllegalArgumentException("record " + part + " is null");
            }
            return result;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("record " + part + " is not a valid " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }
}
