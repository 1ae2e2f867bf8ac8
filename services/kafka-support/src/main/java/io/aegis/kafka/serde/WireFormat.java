package io.aegis.kafka.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: one magic byte 0, the schema id as a 4-byte big-endian int, then
 * the Avro binary encoding of the record. This layout is shared with Confluent's serializers
 * and every Confluent-format client in other languages; do not change it.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int ID_SIZE = 4;
    public static final int HEADER_SIZE = 1 + ID_SIZE;

    private WireFormat() {
    }

    /** Frames an Avro binary payload with the magic byte and schema id. */
    public static byte[] frame(int schemaId, byte[] avroBinary) {
        return ByteBuffer.allocate(HEADER_SIZE + avroBinary.length)
                .put(MAGIC_BYTE).putInt(schemaId).put(avroBinary).array();
    }

    /**
     * The schema id of a framed payload.
     *
     * @throws SerializationException when the payload is too short or the magic byte is not 0
     */
    public static int schemaId(byte[] framed, String topic) {
        if (framed.length < HEADER_SIZE) {
            throw new SerializationException("record on topic '" + topic + "' has " + framed.length
                    + " bytes, fewer than the " + HEADER_SIZE + "-byte Confluent wire-format header");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "record on topic '%s' has magic byte 0x%02x, expected 0x00 (Confluent wire format)",
                    topic, framed[0]));
        }
        return ByteBuffer.wrap(framed, 1, ID_SIZE).getInt();
    }
}
