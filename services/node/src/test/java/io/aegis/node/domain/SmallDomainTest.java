package io.aegis.node.domain;

import io.aegis.policy.TlpLabels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallDomainTest {

    @Property
    void cursorsShouldOrderAsTextExactlyAsTheirSequencesOrder(@ForAll @Size(min = 1, max = 50) List<@LongRange(min = 0, max = 4_000_000_000_000L) Long> clock) {
        // Given a wall clock that jumps around (including backwards)
        Iterator<Long> ticks = clock.iterator();
        SequenceClock sequences = new SequenceClock(() -> ticks.hasNext() ? ticks.next() : 0L);
        List<String> cursors = new ArrayList<>();
        // When cursors are issued
        for (int i = 0; i < clock.size(); i++) {
            cursors.add(SequenceClock.cursor(sequences.next()));
        }
        // Then they strictly increase as text, so store range scans return arrival order
        for (int i = 1; i < cursors.size(); i++) {
            assertTrue(cursors.get(i - 1).compareTo(cursors.get(i)) < 0, cursors.toString());
            assertTrue(SequenceClock.isCursor(cursors.get(i)));
        }
    }

    @Property
    void backoffShouldStayBetweenHalfAndAllOfTheCappedExponentialDelay(@ForAll @IntRange(min = 1, max = 40) int attempt,
                                                                     @ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 0.99) double random) {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> random);
        long ceiling = Math.min(10_000, 100L << Math.min(attempt - 1, 30));

        long delay = backoff.delay(attempt).toMillis();

        assertTrue(delay >= ceiling / 2 && delay <= ceiling, attempt + " -> " + delay);
    }

    @Test
    void webhookSignatureShouldVerifyOnlyTheExactBodyAndTimestamp() {
        byte[] secret = "s3cret".getBytes(StandardCharsets.UTF_8);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.sign(secret, "1700000000", body);

        assertTrue(header.startsWith("sha256="));
        assertTrue(WebhookSignature.verify(secret, "1700000000", body, header));
        assertFalse(WebhookSignature.verify(secret, "1700000001", body, header));
        assertFalse(WebhookSignature.verify(secret, "1700000000", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), header));
        assertFalse(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), "1700000000", body, header));
    }

    @Test
    void tlpNamesShouldRoundTripAmberStrict() {
        assertEquals("AMBER+STRICT", TlpLabels.label(TlpLabels.parse("AMBER+STRICT").orElseThrow()));
        assertTrue(TlpLabels.parse("AMBER_STRICT").isPresent());
        assertTrue(TlpLabels.parse("amber").isEmpty());
    }

    @Test
    void cursorsShouldBeNineteenAsciiDigitsOnly() {
        assertTrue(SequenceClock.isCursor("0001764000000000000"));
        // why: Character.isDigit also takes Arabic-Indic and full-width digits, which no cursor of this node holds
        assertFalse(SequenceClock.isCursor("\u0660".repeat(19)));
        assertFalse(SequenceClock.isCursor("\uff11".repeat(19)));
        assertFalse(SequenceClock.isCursor("000176400000000000"));
        assertFalse(SequenceClock.isCursor("-001764000000000000"));
    }

    @Test
    void utf8ShouldRefuseEveryByteSequenceThatIsNotUtf8NamingWhereItStarts() {
        assertEquals("caf\u00e9 \ud83d\ude00", Utf8.decode("caf\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8)));
        for (byte[] bad : List.of(new byte[]{'a', (byte) 0x80}, new byte[]{'a', (byte) 0xC3}, new byte[]{'a', (byte) 0xC0, (byte) 0xAF},
                new byte[]{'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{'a', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[]{'a', (byte) 0xFF})) {
            MalformedBodyException e = org.junit.jupiter.api.Assertions.assertThrows(MalformedBodyException.class, () -> Utf8.decode(bad));
            assertTrue(e.getMessage().contains("at byte 1"), e.getMessage());
        }
    }

    @Test
    void fieldReaderShouldRefuseTextWithAnUnpairedSurrogate() {
        // why: "\ud800" is a valid JSON escape, but no UTF-8 record can carry it: the signal would be published altered
        FieldReader in = new FieldReader();
        com.fasterxml.jackson.databind.node.ObjectNode json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("title", "before\ud800after").put("paired", "\ud83d\ude00");

        assertTrue(in.string(json, "", "title", true, 200).isEmpty());
        assertTrue(in.string(json, "", "paired", true, 200).isPresent());
        assertEquals(List.of(new Violation("title", "must be valid Unicode text: unpaired surrogate at character 6")), in.violations());
    }
}
