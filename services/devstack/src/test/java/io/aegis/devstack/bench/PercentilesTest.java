package io.aegis.devstack.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldReportPercentilesOfTheSamplesWithinTheHistogramsPrecision() {
        Percentiles latency = new Percentiles();
        for (int ms = 1; ms <= 1000; ms++) {
            latency.add(ms * 1_000_000L);
        }

        assertEquals(1000, latency.count());
        assertEquals(500.0, latency.millis(50), 0.5);
        assertEquals(990.0, latency.millis(99), 1.0);
        assertEquals(1000.0, latency.millis(100), 1.0);
        assertTrue(latency.summary().startsWith("n=1000  p50 500"), latency.summary());
    }

    @Test
    void shouldRefuseNegativeSamplesAndSayNothingWithoutSamples() {
        Percentiles latency = new Percentiles();

        assertTrue(Double.isNaN(latency.millis(50)));
        assertThrows(IllegalArgumentException.class, () -> latency.add(-1));
        assertThrows(IllegalArgumentException.class, () -> latency.millis(0));
    }
}
