package io.aegis.devstack.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillTableTest {

    private static DrillTally.Row row(String phase, int lost, int duplicates, List<String> findings) {
        return new DrillTally.Row(phase, 10, 10, Map.of("FR", 10 - lost, "DE", 10), Map.of("FR", 10, "DE", 10),
                duplicates, lost, 0, 0, 3, 4, findings);
    }

    @Test
    void shouldPrintOneRowPerPhaseAndPassWhenClean() {
        List<String> lines = DrillTable.render(List.of(row("baseline", 0, 0, List.of())), List.of("FR", "DE"));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("phase", "accepted", "->FR", "->DE", "dup", "lost", "esc", "notif");
        assertThat(lines.get(1)).startsWith("baseline").contains("10/10");
        assertThat(lines.get(2)).startsWith("PASSED");
    }

    @Test
    void shouldFailNamingEveryPhaseThatLostOrDuplicated() {
        List<DrillTally.Row> rows = List.of(row("baseline", 0, 0, List.of()),
                row("router restart", 1, 2, List.of("lost FR-3 (from DE) in inbox FR")));

        List<String> lines = DrillTable.render(rows, List.of("FR", "DE"));

        assertThat(DrillTable.passed(rows)).isFalse();
        assertThat(lines.get(2)).contains("9/10");
        assertThat(lines).contains("  router restart: lost FR-3 (from DE) in inbox FR");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("FAILED: router restart (1 lost, 2 duplicated, 0 leaked)");
    }
}
