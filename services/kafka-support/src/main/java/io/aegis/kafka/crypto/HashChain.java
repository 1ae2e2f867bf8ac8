package io.aegis.kafka.crypto;

import io.aegis.kafka.avro.AvroTrust;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Hash chains over records with string fields {@code prevHash} and {@code hash} (RoutingDecision
 * per partition, CaseEvent per case):
 * {@code hash = "sha256:" + hex(SHA-256(prevHash UTF-8 || Avro binary of the record with hash = ""))}.
 * The first record of a chain has {@code prevHash = ""} ({@link #GENESIS}). Modifying, removing
 * or reordering a record breaks a link that {@link #verify} reports.
 */
public final class HashChain {

    static {
        AvroTrust.trustContracts();
    }

    /** The prevHash of the first record of a chain. */
    public static final String GENESIS = "";
    public static final String PREV_HASH_FIELD = "prevHash";
    public static final String HASH_FIELD = "hash";

    private HashChain() {
    }

    /**
     * The hash linking a record to its predecessor.
     *
     * @param recordWithEmptyHash the record with {@code hash = ""} (and prevHash already set)
     */
    public static String link(String prevHash, SpecificRecord recordWithEmptyHash) {
        Objects.requireNonNull(prevHash, "prevHash");
        return CanonicalHash.sha256(prevHash.getBytes(StandardCharsets.UTF_8),
                CanonicalHash.avroBinary(recordWithEmptyHash));
    }

    /** A copy of the record with {@code prevHash} set and {@code hash} computed. */
    public static <T extends SpecificRecord> T seal(T record, String prevHash) {
        Objects.requireNonNull(prevHash, "prevHash");
        T copy = withFields(record, prevHash, "");
        return withFields(copy, prevHash, link(prevHash, copy));
    }

    /** The hash a record should carry, recomputed from its own prevHash and fields. */
    public static String expectedHash(SpecificRecord record) {
        String prevHash = field(record, PREV_HASH_FIELD);
        return link(prevHash, withFields(record, prevHash, ""));
    }

    /** Verifies a chain that starts at {@link #GENESIS}. */
    public static ChainVerification verify(List<? extends SpecificRecord> records) {
        return verify(GENESIS, records);
    }

    /**
     * Verifies a chain segment whose first record must link to {@code anchorPrevHash} (the hash
     * of the record before the segment, or {@link #GENESIS}).
     */
    public static ChainVerification verify(String anchorPrevHash, List<? extends SpecificRecord> records) {
        Objects.requireNonNull(records, "records");
        String expectedPrev = Objects.requireNonNull(anchorPrevHash, "anchorPrevHash");
        for (int i = 0; i < records.size(); i++) {
            SpecificRecord record = records.get(i);
            String prev = field(record, PREV_HASH_FIELD);
            if (!prev.equals(expectedPrev)) {
                return ChainVerification.broken(i, "record " + i + " has prevHash '" + prev + "' but the record before"
                        + " it hashes to '" + expectedPrev + "': a record is missing or out of order");
            }
            String stated = field(record, HASH_FIELD);
            String recomputed = expectedHash(record);
            if (!stated.equals(recomputed)) {
                return ChainVerification.broken(i, "record " + i + " states hash '" + stated + "' but its fields hash to '"
                        + recomputed + "': the record was modified");
            }
            expectedPrev = stated;
        }
        return ChainVerification.ok();
    }

    private static <T extends SpecificRecord> T withFields(T record, String prevHash, String hash) {
        Objects.requireNonNull(record, "record");
        Schema schema = record.getSchema();
        T copy = SpecificData.getForClass(record.getClass()).deepCopy(schema, record);
        copy.put(position(schema, PREV_HASH_FIELD), prevHash);
        copy.put(position(schema, HASH_FIELD), hash);
        return copy;
    }

    private static String field(SpecificRecord record, String name) {
        Object value = record.get(position(record.getSchema(), name));
        return value == null ? "" : value.toString();
    }

    private static int position(Schema schema, String name) {
        Schema.Field field = schema.getField(name);
        if (field == null || field.schema().getType() != Schema.Type.STRING) {
            throw new IllegalArgumentException("record " + schema.getFullName() + " has no string field '" + name
                    + "', so it cannot be hash-chained");
        }
        return field.pos();
    }
}
