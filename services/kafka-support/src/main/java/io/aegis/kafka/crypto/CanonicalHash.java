package io.aegis.kafka.crypto;

import io.aegis.kafka.avro.AvroTrust;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SignalContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Canonical hashing of contract records: SHA-256 over the Avro binary encoding of a record
 * under its own (generated) schema, written {@code "sha256:" + lowercase hex}. Avro binary is
 * deterministic for a given schema and value except for maps, whose entries Avro writes in the
 * map's iteration order; here map entries are written sorted by key, so a record read back from
 * a topic (into a map of another iteration order) hashes the same as the record that was written.
 */
public final class CanonicalHash {

    static {
        AvroTrust.trustContracts();
    }

    public static final String PREFIX = "sha256:";
    private static final HexFormat HEX = HexFormat.of();
    private static final ConcurrentMap<Class<?>, SpecificDatumWriter<SpecificRecord>> WRITERS =
            new ConcurrentHashMap<>();

    private CanonicalHash() {
    }

    /** The content hash of a signal: {@code "sha256:" + hex(SHA-256(Avro binary of content))}. */
    public static String contentHash(SignalContent content) {
        return sha256(avroBinary(Objects.requireNonNull(content, "content")));
    }

    /**
     * The digest a retraction's signature covers: the hash of the retraction's own fields with
     * {@code signature} emptied.
     */
    public static String retractionDigest(Retraction retraction) {
        Objects.requireNonNull(retraction, "retraction");
        Retraction unsigned = Retraction.newBuilder(retraction).setSignature(ByteBuffer.allocate(0)).build();
        return sha256(avroBinary(unsigned));
    }

    /** The Avro binary encoding of a generated record under its own schema. */
    public static byte[] avroBinary(SpecificRecord record) {
        Objects.requireNonNull(record, "record");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        SpecificDatumWriter<SpecificRecord> writer = WRITERS.computeIfAbsent(record.getClass(),
                type -> new SortedMapWriter(record.getSchema(), SpecificData.getForClass(type)));
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
        }
        return out.toByteArray();
    }

    /** Writes map entries in key order, the one thing plain Avro binary leaves to iteration order. */
    private static final class SortedMapWriter extends SpecificDatumWriter<SpecificRecord> {
        SortedMapWriter(Schema schema, SpecificData data) {
            super(schema, data);
        }

        @Override
        protected void writeMap(Schema schema, Object datum, Encoder out) throws IOException {
            Map<Object, Object> sorted = new TreeMap<>(Comparator.comparing(Object::toString));
            sorted.putAll((Map<?, ?>) datum);
            super.writeMap(schema, sorted, out);
        }
    }

    /** {@code "sha256:" + hex(SHA-256(part1 || part2 || …))}. */
    public static String sha256(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return PREFIX + HEX.formatHex(digest.digest());
    }

    /** True when the text has the shape {@code sha256:<64 lowercase hex digits>}. */
    public static boolean isHash(String text) {
        return text != null && text.length() == PREFIX.length() + 64 && text.startsWith(PREFIX)
                && text.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides no SHA-256", e);
        }
    }
}
