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
}
