package io.aegis.devstack.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportersFirstTest {

    @Test
    void shouldNeverTimeAProbeOnACountOnlyOrigin() throws IOException {
        // the shipped policies: JP tells the coordination centre counts only
        List<String> order = LatencyBench.reportersFirst(Path.of("../../infra/policies"), List.of("FR", "DE", "JP", "BR", "KE"));

        assertEquals(List.of("FR", "DE", "BR", "KE", "JP"), order);
    }

    @Test
    void shouldTakeTheDemoDefaultWhereACountryHasNoPolicyFile(@TempDir Path policies) throws IOException {
        Files.writeString(policies.resolve("DE.yaml"), "country: DE\nrules: []\ncoordination: COUNT_ONLY\n");

        assertEquals(List.of("FR", "JP", "BR", "DE"), LatencyBench.reportersFirst(policies, List.of("FR", "DE", "JP", "BR")));
        assertThrows(IllegalStateException.class, () -> LatencyBench.reportersFirst(policies, List.of("FR", "DE", "JP")));
    }
}
