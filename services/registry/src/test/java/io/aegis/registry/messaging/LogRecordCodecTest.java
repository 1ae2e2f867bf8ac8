package io.aegis.registry.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.domain.CompatibilityLevel;
import io.aegis.registry.domain.LogEntry;
import io.aegis.registry.domain.LogEntry.ConfigChange;
import io.aegis.registry.domain.LogEntry.SchemaClaim;
import io.aegis.registry.domain.LogEntry.SubjectDeletion;
import io.micronaut.serde.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRecordCodecTest {

    private final LogRecordCodec codec = new LogRecordCodec(ObjectMapper.getDefault());

    @Test
    void shouldRoundTripEveryEntryType() {
        List<LogEntry> entries = List.of(
                new SchemaClaim("c1", "signals-value", 3, 7, "{\"type\":\"string\"}"),
                new SubjectDeletion("c2", "signals-value"),
                new ConfigChange(null, CompatibilityLevel.FULL_TRANSITIVE),
                new ConfigChange("signals-value", CompatibilityLevel.NONE),
                new ConfigChange("signals-value", null));

        for (LogEntry entry : entries) {
            LogRecordCodec.Encoded encoded = codec.encode(entry);
            assertEquals(entry, codec.decode(encoded.key(), encoded.value()));
        }
    }

    @Test
    void shouldKeyClaimsUniquelySoCompactionNeverDropsOne() {
        // two claims racing for the same subject, version and id must not share a key
        byte[] first = codec.encode(new SchemaClaim("a", "s", 2, 5, "\"int\"")).key();
        byte[] second = codec.encode(new SchemaClaim("b", "s", 2, 5, "\"int\"")).key();

        assertNotEquals(new String(first, StandardCharsets.UTF_8), new String(second, StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeyConfigurationPerSubjectSoOnlyTheLatestSurvivesCompaction() {
        byte[] before = codec.encode(new ConfigChange("s", CompatibilityLevel.FULL)).key();
        byte[] after = codec.encode(new ConfigChange("s", CompatibilityLevel.NONE)).key();

        assertArrayEquals(before, after);
        assertNull(codec.encode(new ConfigChange("s", null)).value(), "removal is a tombstone");
    }

    @Test
    void shouldNameWhatIsWrongWithARecordThatIsNotARegistryEntry() {
        byte[] schemaKey = "{\"keytype\":\"SCHEMA\",\"subject\":\"s\"}".getBytes(StandardCharsets.UTF_8);
        byte[] value = codec.encode(new SchemaClaim("a", "s", 1, 1, "\"int\"")).value();

        IllegalArgumentException noClaim = assertThrows(IllegalArgumentException.class, () -> codec.decode(schemaKey, value));
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> codec.decode("garbage".getBytes(StandardCharsets.UTF_8), value));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> codec.decode("{\"keytype\":\"NOOP\"}".getBytes(StandardCharsets.UTF_8), null));

        assertTrue(noClaim.getMessage().contains("'claim'"), noClaim.getMessage());
        assertTrue(notJson.getMessage().contains("key"), notJson.getMessage());
        assertTrue(unknown.getMessage().contains("NOOP"), unknown.getMessage());
    }
}
