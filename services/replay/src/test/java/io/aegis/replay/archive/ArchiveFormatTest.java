package io.aegis.replay.archive;

import io.aegis.replay.messaging.RawRecord;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ArchiveFormatTest {

    @Test
    void shouldReadSchemaIdOfWireFormatValuesOnly() {
        assertEquals(258, ArchiveFormat.schemaIdOf(new byte[]{0, 0, 0, 1, 2, 42}));
        assertNull(ArchiveFormat.schemaIdOf("plain text".getBytes(StandardCharsets.UTF_8)));
        assertNull(ArchiveFormat.schemaIdOf(new byte[]{0, 0, 1}));
        assertNull(ArchiveFormat.schemaIdOf(null));
    }

    @Test
    void shouldRewriteOnlyTheSchemaIdBytes() {
        byte[] value = {0, 0, 0, 0, 7, 10, 20, 30};

        byte[] moved = ArchiveFormat.withSchemaId(value, 0x01020304);

        assertArrayEquals(new byte[]{0, 1, 2, 3, 4, 10, 20, 30}, moved);
        assertArrayEquals(new byte[]{0, 0, 0, 0, 7, 10, 20, 30}, value, "the original is not modified");
    }

    @Test
    void shouldCarryEveryByteOfRecordThroughEnvelope() {
        RawRecord record = new RawRecord("aegis.dlq", 2, 41, 1_700_000_000_000L, null, new byte[]{0, 0, 0, 0, 1, 9},
                List.of(new RawRecord.Header("aegis.dlq.reason", "bad".getBytes(StandardCharsets.UTF_8)),
                        new RawRecord.Header("empty", null)));

        GenericRecord envelope = ArchiveExporter.envelope(record, 1);
        RawRecord back = ArchiveReader.toRaw(envelope);

        assertEquals(record.coordinates(), back.coordinates());
        assertEquals(record.timestamp(), back.timestamp());
        assertNull(back.key());
        assertArrayEquals(record.value(), back.value());
        assertEquals("aegis.dlq.reason", back.headers().get(0).key());
        assertArrayEquals("bad".getBytes(StandardCharsets.UTF_8), back.headers().get(0).value());
        assertNull(back.headers().get(1).value());
        assertEquals(1, envelope.get("schemaId"));
    }
}
