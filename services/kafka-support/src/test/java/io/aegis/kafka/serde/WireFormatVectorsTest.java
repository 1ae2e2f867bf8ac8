package io.aegis.kafka.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.fixtures.FixedIdRegistry;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.avro.AvroTrust;
import io.aegis.schema.common.Tier;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Byte-level vectors of the Confluent wire format. The hex strings were computed from the Avro
 * specification by an independent encoder (zig-zag varints, length-prefixed UTF-8, union branch
 * index), not by this code: any Confluent-format client in any language produces the same bytes
 * for the same record and schema id, so these vectors pin interoperability.
 */
class WireFormatVectorsTest {

    static {
        AvroTrust.trustContracts();
    }

    private static final int SCHEMA_ID = 42;
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final String TOPIC = "aegis.receipts";

    /** Receipt("s-1", "FR", DELIVERED, 2026-11-20T10:00:00Z, nodeId null) under schema id 42. */
    private static final String DELIVERED_HEX = "000000002a" + "06732d31" + "044652" + "00" + "80b4b086bf68" + "00";
    /** Receipt("s-1", "FR", RETRACTED, 2026-11-20T10:00:00Z, "node-fr-1") under schema id 42. */
    private static final String RETRACTED_HEX =
            "000000002a" + "06732d31" + "044652" + "02" + "80b4b086bf68" + "02" + "126e6f64652d66722d31";

    /**
     * CaseEvent("e-1", "c-1", 3, VOTE_CAST, 2026-11-20T10:00:00Z, CRITICAL, actorCountry "JP",
     * actorOfficer null, "yes", {"action": "a-1"}, "", "") under schema id 7: long, enum, union
     * branches, a one-block map.
     */
    private static final String CASE_EVENT_HEX = "0000000007" + "06652d31" + "06632d31" + "06" + "10" + "80b4b086bf68"
            + "08" + "02044a50" + "00" + "06796573" + "02" + "0c616374696f6e" + "06612d31" + "00" + "00" + "00";
    /**
     * Retraction("s-1", DOWNGRADE, 2026-11-20T10:00:00Z, "r", newTlp GREEN, ["DE"], "FR", null,
     * "k1", bytes 01 02) under schema id 300: a multi-byte id, a union of an enum, an array, bytes.
     */
    private static final String RETRACTION_HEX = "000000012c" + "06732d31" + "02" + "80b4b086bf68" + "0272" + "0202"
            + "02" + "04444500" + "02044652" + "00" + "046b31" + "040102";

    private final FixedIdRegistry registry = new FixedIdRegistry(SCHEMA_ID, Receipt.getClassSchema());

    @Test
    void shouldWriteTheKnownBytesForAKnownRecordAndSchemaId() {
        // given the serializer against a registry that holds the Receipt schema as id 42
        ConfluentAvroSerializer<Receipt> serializer = new ConfluentAvroSerializer<>(registry, false);

        // when two receipts are serialized
        byte[] delivered = serializer.serialize(TOPIC, new Receipt("s-1", "FR", ReceiptKind.DELIVERED, AT, null));
        byte[] retracted = serializer.serialize(TOPIC, new Receipt("s-1", "FR", ReceiptKind.RETRACTED, AT, "node-fr-1"));

        // then the bytes are exactly the vectors
        assertEquals(DELIVERED_HEX, HexFormat.of().formatHex(delivered));
        assertEquals(RETRACTED_HEX, HexFormat.of().formatHex(retracted));
    }

    @Test
    void shouldReadTheKnownBytesIntoTheRecord() {
        // given the deserializer reading into the generated class
        ConfluentAvroDeserializer<Receipt> deserializer = new ConfluentAvroDeserializer<>(registry, Receipt.class);

        // when the vectors are read
        Receipt delivered = deserializer.deserialize(TOPIC, HexFormat.of().parseHex(DELIVERED_HEX));
        Receipt retracted = deserializer.deserialize(TOPIC, HexFormat.of().parseHex(RETRACTED_HEX));

        // then they are the records the vectors encode
        assertEquals(new Receipt("s-1", "FR", ReceiptKind.DELIVERED, AT, null), delivered);
        assertEquals(new Receipt("s-1", "FR", ReceiptKind.RETRACTED, AT, "node-fr-1"), retracted);
    }

    @Test
    void shouldWriteAndReadTheVectorsOfRecordsWithMapsUnionsArraysAndBytes() {
        // given a case event and a retraction, each with the schema id a registry gave it
        CaseEvent event = CaseEvent.newBuilder().setEventId("e-1").setCaseId("c-1").setSequence(3)
                .setType(CaseEventType.VOTE_CAST).setAt(AT).setTier(Tier.CRITICAL).setActorCountry("JP")
                .setDetail("yes").setAttributes(Map.of("action", "a-1")).build();
        Retraction retraction = Retraction.newBuilder().setSignalId("s-1").setKind(RetractionKind.DOWNGRADE)
                .setIssuedAt(AT).setReason("r").setNewTlp(Tlp.GREEN).setNewRecipients(List.of("DE"))
                .setOriginCountry("FR").setKeyId("k1").setSignature(ByteBuffer.wrap(new byte[] {1, 2})).build();
        FixedIdRegistry events = new FixedIdRegistry(7, CaseEvent.getClassSchema());
        FixedIdRegistry retractions = new FixedIdRegistry(300, Retraction.getClassSchema());

        // when each is written, and the vector read back
        byte[] eventBytes = new ConfluentAvroSerializer<CaseEvent>(events, false).serialize("aegis.case-events", event);
        byte[] retractionBytes = new ConfluentAvroSerializer<Retraction>(retractions, false)
                .serialize("aegis.outbox.FR", retraction);
        CaseEvent eventBack = new ConfluentAvroDeserializer<CaseEvent>(events, CaseEvent.class)
                .deserialize("aegis.case-events", HexFormat.of().parseHex(CASE_EVENT_HEX));
        Retraction retractionBack = new ConfluentAvroDeserializer<Retraction>(retractions, Retraction.class)
                .deserialize("aegis.outbox.FR", HexFormat.of().parseHex(RETRACTION_HEX));

        // then bytes and records match the vectors both ways
        assertEquals(CASE_EVENT_HEX, HexFormat.of().formatHex(eventBytes));
        assertEquals(RETRACTION_HEX, HexFormat.of().formatHex(retractionBytes));
        assertEquals(event, eventBack);
        assertEquals(retraction, retractionBack);
    }

    @Test
    void shouldProducePayloadThatPlainAvroDecodesWithTheRegistrySchema() throws Exception {
        // given a record written through the in-memory registry
        InMemorySchemaRegistryClient inMemory = new InMemorySchemaRegistryClient();
        byte[] framed = new ConfluentAvroSerializer<Receipt>(inMemory, true)
                .serialize(TOPIC, new Receipt("s-2", "JP", ReceiptKind.DOWNGRADED, AT, "node-jp"));

        // when a client that knows only the wire format and plain Avro decodes it
        assertEquals(0, framed[0]);
        int id = ByteBuffer.wrap(framed, 1, 4).getInt();
        Schema writer = inMemory.getSchemaById(id);
        byte[] body = Arrays.copyOfRange(framed, 5, framed.length);
        GenericRecord record = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(body, null));

        // then it sees every field, the timestamp as epoch milliseconds
        assertEquals("s-2", record.get("signalId").toString());
        assertEquals("JP", record.get("country").toString());
        assertEquals("DOWNGRADED", record.get("kind").toString());
        assertEquals(AT.toEpochMilli(), record.get("at"));
        assertEquals("node-jp", record.get("nodeId").toString());
        assertEquals(java.util.List.of("aegis.receipts-value"), inMemory.subjects());
    }

    @Test
    void shouldRefuseAPayloadWithoutTheMagicByte() {
        // a plain Avro or JSON producer writing to an Aegis topic must be caught, not misread
        ConfluentAvroDeserializer<Receipt> deserializer = new ConfluentAvroDeserializer<>(registry, Receipt.class);
        byte[] bad = HexFormat.of().parseHex("01" + DELIVERED_HEX.substring(2));

        SerializationException e = assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, bad));

        assertTrue(e.getMessage().contains("magic byte 0x01"), e.getMessage());
        assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
    }

    @Test
    void shouldRefuseAPayloadShorterThanTheHeader() {
        ConfluentAvroDeserializer<Receipt> deserializer = new ConfluentAvroDeserializer<>(registry, Receipt.class);

        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}));

        assertTrue(e.getMessage().contains("fewer than the 5-byte"), e.getMessage());
    }

    @Test
    void shouldFrameWithBigEndianSchemaId() {
        byte[] framed = WireFormat.frame(0x01020304, new byte[] {9});

        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 9}, framed);
        assertEquals(0x01020304, WireFormat.schemaId(framed, TOPIC));
    }
}
