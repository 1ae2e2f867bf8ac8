package io.aegis.devstack.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JitModeTest {

    @Test
    void shouldStopAtC1ForAQuickStartAndLetC2OptimiseForMeasurements() {
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), JitMode.flags("quick"));
        assertTrue(JitMode.flags("FULL").isEmpty());
    }

    @Test
    void shouldRefuseAnUnknownModeNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JitMode.flags("fast"));
        assertTrue(e.getMessage().contains("AEGIS_JIT"), e.getMessage());
    }
}
