package io.aegis.kafka.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.fixtures.ContractSamples;
import io.aegis.schema.signal.SignalContent;
import io.aegis.testsupport.fixtures.Signals;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class CanonicalHashTest {

    static {
        ContractSamples.all();
    }

    @Test
    void shouldHashTheAvroBinaryOfTheContentAsAnyAvroImplementationWritesIt() throws Exception {
        // given content, and the same content built field by field as a generic record (what a
        // client in another language holds)
        SignalContent content = Signals.content().setDescription(null).setAffectedSystems(List.of())
                .setIndicators(List.of()).setCampaignId(null).build();
        Schema schema = SignalContent.getClassSchema();
        GenericRecord generic = new GenericRecordBuilder(schema)
                .set("category", new GenericData.EnumSymbol(schema.getField("category").schema(), "DEEPFAKE_FRAUD"))
                .set("title", content.getTitle())
                .set("severity", 4)
                .set("confidence", 80)
                .set("tlp", new GenericData.EnumSymbol(schema.getField("tlp").schema(), "AMBER"))
                .set("observedAt", Signals.OBSERVED.toEpochMilli())
                .set("sectors", List.of(new GenericData.EnumSymbol(
                        schema.getField("sectors").schema().getElementType(), "FINANCE")))
                .set("atlasTechniques", List.of("AML.T0048"))
                .set("recipients", List.of("DE", "JP"))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(generic, encoder);
        encoder.flush();

        // when the canonical hash is computed
        String hash = CanonicalHash.contentHash(content);

        // then it is sha256: + hex of SHA-256 over those bytes
        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        assertEquals(expected, hash);
        assertTrue(CanonicalHash.isHash(hash));
    }

    @Test
    void shouldChangeTheHashWhenAnyContentFieldChanges() {
        SignalContent content = Signals.content().build();

        assertEquals(CanonicalHash.contentHash(content), CanonicalHash.contentHash(Signals.content().build()));
        assertNotEquals(CanonicalHash.contentHash(content),
                CanonicalHash.contentHash(SignalContent.newBuilder(content).setSeverity(5).build()));
        assertNotEquals(CanonicalHash.contentHash(content),
                CanonicalHash.contentHash(SignalContent.newBuilder(content).setRecipients(List.of("DE")).build()));
    }

    @Test
    void shouldIgnoreTheSignatureInTheRetractionDigest() {
        var unsigned = Signals.retraction("sig-1", "FR").build();
        var signed = Signals.retraction("sig-1", "FR").setSignature(ByteBuffer.wrap(new byte[64])).build();

        assertEquals(CanonicalHash.retractionDigest(unsigned), CanonicalHash.retractionDigest(signed));
        assertNotEquals(CanonicalHash.retractionDigest(unsigned),
                CanonicalHash.retractionDigest(Signals.retraction("sig-1", "FR").setReason("other").build()));
    }

    @Test
    void shouldHashConcatenatedParts() throws Exception {
        byte[] a = "prev".getBytes(StandardCharsets.UTF_8);
        byte[] b = {1, 2, 3};
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(a);
        digest.update(b);

        assertEquals("sha256:" + HexFormat.of().formatHex(digest.digest()), CanonicalHash.sha256(a, b));
        assertFalse(CanonicalHash.isHash("sha256:XYZ"));
    }

    @Test
    void shouldHashAMapTheSameWhateverItsIterationOrder() {
        // a consumer rebuilds a map in its own iteration order; the chain must still verify
        java.util.Map<String, String> inserted = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> reversed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            inserted.put("key-" + i, "value-" + i);
        }
        for (int i = 19; i >= 0; i--) {
            reversed.put("key-" + i, "value-" + i);
        }
        io.aegis.schema.response.CaseEvent.Builder event = io.aegis.schema.response.CaseEvent.newBuilder()
                .setEventId("case-1/1").setCaseId("case-1").setSequence(1)
                .setType(io.aegis.schema.response.CaseEventType.OPENED)
                .setAt(java.time.Instant.parse("2026-11-20T10:00:00Z"))
                .setTier(io.aegis.schema.common.Tier.SEVERE);

        byte[] first = CanonicalHash.avroBinary(event.setAttributes(inserted).build());
        byte[] second = CanonicalHash.avroBinary(event.setAttributes(reversed).build());

        assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(second));
        assertNotEquals(CanonicalHash.sha256(first),
                CanonicalHash.sha256(CanonicalHash.avroBinary(event.setAttributes(java.util.Map.of("key-0", "x")).build())));
    }
}
