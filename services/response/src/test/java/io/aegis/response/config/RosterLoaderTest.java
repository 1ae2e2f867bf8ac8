package io.aegis.response.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.response.domain.DutyOfficer;
import io.aegis.response.domain.Rosters;
import io.aegis.schema.common.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterLoaderTest {

    private static final List<String> DEMO_MEMBERS = List.of("FR", "DE", "JP", "BR", "KE");

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheDemoRostersWithThreeLevelsPerTier() {
        Rosters rosters = RosterLoader.load(Path.of("../../infra/rosters"), DEMO_MEMBERS);

        for (String member : DEMO_MEMBERS) {
            String cc = member.toLowerCase();
            for (Tier tier : RosterLoader.NOTIFYING_TIERS) {
                assertEquals(cc + "-duty-primary", rosters.officer(member, tier, 0).map(DutyOfficer::id).orElseThrow());
                assertEquals(cc + "-duty-backup", rosters.officer(member, tier, 1).map(DutyOfficer::id).orElseThrow());
                assertEquals(cc + "-duty-lead", rosters.officer(member, tier, 2).map(DutyOfficer::id).orElseThrow());
            }
        }
        assertEquals(ZoneId.of("Asia/Tokyo"), rosters.officer("JP", Tier.SEVERE, 0).orElseThrow().timeZone());
    }

    @Test
    void shouldReportEveryBrokenRosterFieldWithFileAndPath() throws IOException {
        Path file = Files.writeString(dir.resolve("FR.yaml"), """
                country: DE
                tiers:
                  SEVERE:
                    primary: {id: FR Officer, name: A, timeZone: Europe/Paris}
                    backup: {id: fr-b, name: B, timeZone: Mars/Olympus}
                  CRITICAL:
                    primary: {id: fr-a, name: A, timeZone: Europe/Paris}
                    backup: {id: fr-a, name: A again, timeZone: Europe/Paris}
                """);

        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> RosterLoader.load(dir, List.of("FR")));

        String all = String.join("\n", error.problems());
        assertTrue(all.contains(file + ": country: must be FR (the file name), got 'DE'"), all);
        assertTrue(all.contains(file + ": tiers.SEVERE.primary.id: must be a node user name"), all);
        assertTrue(all.contains(file + ": tiers.SEVERE.backup.timeZone: must be an IANA time zone such as Europe/Paris, got 'Mars/Olympus'"), all);
        assertTrue(all.contains(file + ": tiers.ELEVATED: is required: every roster covers [ELEVATED, SEVERE, CRITICAL]"), all);
        assertTrue(all.contains(file + ": tiers.CRITICAL: officer 'fr-a' appears at two levels"), all);
    }

    @Test
    void shouldRefuseAMemberWithoutRoster() throws IOException {
        Files.copy(Path.of("../../infra/rosters/FR.yaml"), dir.resolve("FR.yaml"));

        InvalidConfigException error = assertThrows(InvalidConfigException.class,
                () -> RosterLoader.load(dir, List.of("FR", "KE")));

        assertEquals(List.of(dir.resolve("KE.yaml") + ": member KE has no duty roster"), error.problems());
    }
}
