package io.aegis.response.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.response.domain.Completion;
import io.aegis.response.domain.ResponseSettings;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseRulesLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("response.yaml"), yaml);
    }

    @Test
    void shouldLoadTheRepositoryRules() {
        ResponseSettings settings = ResponseRulesLoader.load(Path.of("../../infra/response.yaml"));

        assertEquals(Tier.SEVERE, settings.openTier());
        assertEquals(Duration.ofMinutes(15), settings.ackDeadline(Tier.CRITICAL).orElseThrow());
        assertEquals(2.0 / 3.0, settings.quorum(ActionType.HALT_DEPLOYMENT));
        assertEquals(0.75, settings.quorum(ActionType.FREEZE_FUNDS));
        assertEquals(List.of("notify-affected-members", "initial-report", "complete-report"),
                settings.obligations().stream().map(r -> r.id()).toList());
        assertEquals(Duration.ofDays(15), settings.obligation("complete-report").orElseThrow().due());
        assertEquals(Completion.REPORT, settings.obligation("initial-report").orElseThrow().completion());
        assertEquals(Duration.ofMinutes(1), settings.updateInterval());
    }

    @Test
    void shouldLoadTheUpdateNotificationInterval() throws IOException {
        ResponseSettings settings = ResponseRulesLoader.load(write("updateNotifications:\n  interval: PT5M\n"));

        assertEquals(Duration.ofMinutes(5), settings.updateInterval());
    }

    @Test
    void shouldRefuseAnUpdateNotificationIntervalThatIsNotPositiveNamingTheFieldAndTheRule() throws IOException {
        // a zero interval would page the officers of a busy case for every single signal
        Path zero = write("updateNotifications:\n  interval: PT0S\n");
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> ResponseRulesLoader.load(zero));
        assertEquals(List.of(zero + ": updateNotifications.interval: must be a positive duration, or officers would be told"
                + " of every new signal one by one, got PT0S"), error.problems());

        Path unknown = write("updateNotifications:\n  every: PT1M\n");
        error = assertThrows(InvalidConfigException.class, () -> ResponseRulesLoader.load(unknown));
        assertEquals(List.of(unknown + ": updateNotifications.every: unknown field; expected one of [interval]"), error.problems());
    }

    @Test
    void shouldUseDefaultsForFieldsLeftOut() throws IOException {
        ResponseSettings settings = ResponseRulesLoader.load(write("openTier: ELEVATED\n"));

        assertEquals(Tier.ELEVATED, settings.openTier());
        assertEquals(ResponseSettings.defaults().ackDeadlines(), settings.ackDeadlines());
        assertEquals(ResponseSettings.TWO_THIRDS, settings.defaultQuorum());
        assertEquals(ResponseSettings.DEFAULT_UPDATE_INTERVAL, settings.updateInterval());
    }

    @Test
    void shouldReportEveryBrokenFieldWithItsPathAndRule() throws IOException {
        Path file = write("""
                openTier: URGENT
                ackDeadlines:
                  SEVERE: 60m
                quorum:
                  default: 3/2
                  actions:
                    NUKE: 1/2
                obligations:
                  - id: Initial Report
                    description: x
                    due: P2D
                    dueSoon: P3D
                    completion: REPORT
                  - id: b
                    description: y
                    due: P1D
                    colour: red
                    completion: SOMETIME
                """);

        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> ResponseRulesLoader.load(file));

        String all = String.join("\n", error.problems());
        assertTrue(all.contains("openTier: must be one of [NOTICE, ADVISORY, ELEVATED, SEVERE, CRITICAL], got 'URGENT'"), all);
        assertTrue(all.contains("ackDeadlines.SEVERE: must be an ISO-8601 duration such as PT60M or P2D, got '60m'"), all);
        assertTrue(all.contains("quorum.default: must be a fraction in (0, 1]"), all);
        assertTrue(all.contains("quorum.actions.NUKE: must be one of"), all);
        assertTrue(all.contains("obligations[0].id: must be lower-case letters, digits and '-', got 'Initial Report'"), all);
        assertTrue(all.contains("obligations[0].dueSoon: must be shorter than due (PT48H), got PT72H"), all);
        assertTrue(all.contains("obligations[1].colour: unknown field"), all);
        assertTrue(all.contains("obligations[1].completion: must be one of [ALL_ACKNOWLEDGED, RESOLUTION, REPORT], got 'SOMETIME'"), all);
        assertTrue(error.problems().stream().allMatch(p -> p.startsWith(file.toString() + ": ")), all);
    }

    @Test
    void shouldRefuseToStartWhenATierFromTheOpenTierUpHasNoAckDeadline() throws IOException {
        // an ELEVATED case would otherwise open with nothing to wait on and stall silently
        Path file = write("""
                openTier: ELEVATED
                ackDeadlines:
                  SEVERE: PT60M
                  CRITICAL: PT15M
                """);

        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> ResponseRulesLoader.load(file));

        assertEquals(List.of(file + ": ackDeadlines.ELEVATED: is required: every tier from openTier ELEVATED up needs an"
                + " acknowledgement deadline, or its open cases would stall silently"), error.problems());
    }

    @Test
    void shouldRequireAnAckDeadlineForAnOpenTierBelowTheDefaultDeadlines() throws IOException {
        Path file = write("openTier: ADVISORY\n");

        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> ResponseRulesLoader.load(file));

        assertEquals(List.of(file + ": ackDeadlines.ADVISORY: is required: every tier from openTier ADVISORY up needs an"
                + " acknowledgement deadline, or its open cases would stall silently"), error.problems());
    }

    @Test
    void shouldRefuseDuplicateObligationIds() throws IOException {
        Path file = write("""
                obligations:
                  - {id: report, description: a, due: P1D, completion: REPORT}
                  - {id: report, description: b, due: P2D, completion: REPORT}
                """);

        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> ResponseRulesLoader.load(file));

        assertEquals(List.of(file + ": obligations: id 'report' is used twice; ids must be unique"), error.problems());
    }

    @Test
    void shouldRefuseAFileThatIsNotYaml() throws IOException {
        Path file = write("openTier: [SEVERE\n");

        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> ResponseRulesLoader.load(file));

        assertTrue(error.problems().get(0).startsWith(file + ": is not valid YAML"), error.getMessage());
    }
}
