package io.aegis.kafka.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.topic.TopicNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class DlqRecordsTest {

    private static final DlqRecords.Source SOURCE = new DlqRecords.Source("aegis.outbox.FR", 2, 41L);

    @Test
    void shouldReplaceEarlierDlqHeadersRatherThanStackThem() {
        // a record replayed from the DLQ and rejected again must carry one reason, the new one
        RecordHeaders original = new RecordHeaders();
        original.add(DlqHeaders.REASON, "old".getBytes(StandardCharsets.UTF_8));
        original.add("trace", "t".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> record = DlqRecords.toDlq(SOURCE, null, new byte[] {1}, original, "router",
                "signature does not verify", null);

        assertEquals(TopicNames.DLQ, record.topic());
        assertEquals(1, record.headers().toArray().length - 5, "trace plus five DLQ headers");
        assertEquals("signature does not verify", DlqRecords.header(record.headers(), DlqHeaders.REASON));
        assertEquals("41", DlqRecords.header(record.headers(), DlqHeaders.SOURCE_OFFSET));
        assertEquals("2", DlqRecords.header(record.headers(), DlqHeaders.SOURCE_PARTITION));
        assertNull(DlqRecords.header(record.headers(), DlqHeaders.EXCEPTION));
    }

    @Test
    void shouldDescribeAnExceptionWithItsRootCause() {
        Exception error = new IllegalStateException("wrap", new IOException("disk gone"));

        assertEquals("java.lang.IllegalStateException: wrap (caused by java.io.IOException: disk gone)",
                DlqRecords.reasonOf(error));
    }

    @Test
    void shouldCutOverlongReasons() {
        ProducerRecord<byte[], byte[]> record = DlqRecords.toDlq(SOURCE, null, null, null, "router",
                "x".repeat(10_000), null);

        assertEquals(DlqRecords.MAX_REASON_LENGTH, DlqRecords.header(record.headers(), DlqHeaders.REASON).length());
    }

    @Test
    void shouldRequireAServiceAndAReason() {
        IllegalArgumentException noReason = assertThrows(IllegalArgumentException.class,
                () -> DlqRecords.toDlq(SOURCE, null, null, null, "router", " ", null));
        IllegalArgumentException noService = assertThrows(IllegalArgumentException.class,
                () -> DlqHandlerConfig.service(Map.of()));

        assertTrue(noReason.getMessage().startsWith("reason must say why"));
        assertTrue(noService.getMessage().contains(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("router-x", DlqHandlerConfig.service(Map.of(DlqHandlerConfig.SERVICE_CONFIG, "router-x",
                StreamsConfig.APPLICATION_ID_CONFIG, "aegis-router")));
    }
}
