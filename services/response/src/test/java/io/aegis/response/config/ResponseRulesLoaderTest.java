package io.aegis.response.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.response.domain.Completion;
import io.aegis.response.domain.ObligationRule;
import io.aegis.response.domain.ObligationRule.Obligated;
import io.aegis.response.domain.ResponseSettings;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseOutcomeFlag;
import io.aegis.schema.response.ActionType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
        assertEquals(List.of("notify-affected-members", "ihr-notification", "art73-critical-infrastructure",
                        "art73-widespread", "art73-death", "art73-serious-incident"),
                settings.obligations().stream().map(r -> r.id()).toList());
        assertEquals(Obligated.INVOLVED_COUNTRIES, settings.obligation("notify-affected-members").orElseThrow().obligated());
        ObligationRule critical = settings.obligation("art73-critical-infrastructure").orElseThrow();
        assertEquals(Duration.ofDays(2), critical.due());
        assertTrue(critical.criticalInfrastructureOnly());
        assertEquals(Set.of(CaseOutcomeFlag.WIDESPREAD, CaseOutcomeFlag.CRITICAL_INFRASTRUCTURE_DISRUPTION),
                settings.obligation("art73-widespread").orElseThrow().outcomes());
        ObligationRule death = settings.obligation("art73-death").orElseThrow();
        assertEquals(Duration.ofDays(10), death.due());
        assertEquals(Set.of(CaseOutcomeFlag.DEATH), death.outcomes());
        assertEquals(Duration.ofDays(15), settings.obligation("art73-serious-incident").orElseThrow().due());
        assertEquals(Set.of(Sector.HEALTH), settings.obligation("ihr-notification").orElseThrow().sectors());
        assertEquals(Duration.ofHours(24), settings.obligation("ihr-notification").orElseThrow().due());
        assertTrue(settings.obligations().stream().skip(1).allMatch(rule -> rule.completion() == Completion.REPORT
                && rule.obligated() == Obligated.REPORTING_COUNTRIES));
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
    void shouldLoadEverySelectorOfAnObligation() throws IOException {
        ResponseSettings settings = ResponseRulesLoader.load(write("""
                obligations:
                  - id: cbrn-health-death
                    description: d
                    due: P10D
                    minTier: ELEVATED
                    categories: [CBRN_UPLIFT, LOSS_OF_CONTROL]
                    sectors: [HEALTH, WATER]
                    criticalInfrastructureOnly: true
                    outcomes: [DEATH, SERIOUS_HARM]
                    obligated: INVOLVED_COUNTRIES
                    completion: REPORT
                """));

        ObligationRule rule = settings.obligations().get(0);
        assertEquals(Tier.ELEVATED, rule.minTier());
        assertEquals(Set.of(Category.CBRN_UPLIFT, Category.LOSS_OF_CONTROL), rule.categories());
        assertEquals(Set.of(Sector.HEALTH, Sector.WATER), rule.sectors());
        assertTrue(rule.criticalInfrastructureOnly());
        assertEquals(Set.of(CaseOutcomeFlag.DEATH, CaseOutcomeFlag.SERIOUS_HARM), rule.outcomes());
        assertEquals(Obligated.INVOLVED_COUNTRIES, rule.obligated());
    }

    @Test
    void shouldSelectEveryCaseWithSelectorsLeftOutAndObligateReportersOfAReport() throws IOException {
        ResponseSettings settings = ResponseRulesLoader.load(write("""
                obligations:
                  - {id: report, description: r, due: P15D, completion: REPORT}
                  - {id: ack, description: a, due: PT24H, completion: ALL_ACKNOWLEDGED}
                """));

        ObligationRule report = settings.obligations().get(0);
        assertEquals(Set.of(), report.categories());
        assertEquals(Set.of(), report.sectors());
        assertEquals(Set.of(), report.outcomes());
        assertEquals(Tier.NOTICE, report.minTier());
        assertEquals(Obligated.REPORTING_COUNTRIES, report.obligated());
        assertEquals(Obligated.INVOLVED_COUNTRIES, settings.obligations().get(1).obligated());
    }

    @Test
    void shouldRefuseBrokenSelectorsNamingTheFieldAndTheRule() throws IOException {
        Path file = write("""
                obligations:
                  - id: a
                    description: a
                    due: P2D
                    categories: [NUKES, DEEPFAKE_FRAUD, DEEPFAKE_FRAUD]
                    sectors: [ENERGY, GOVERNMENT]
                    completion: REPORT
                  - id: b
                    description: b
                    due: P2D
                    outcomes: [OTHER]
                    obligated: REPORTING_COUNTRIES
                    completion: RESOLUTION
                  - id: c
                    description: c
                    due: P2D
                    outcomes: DEATH
                    obligated: EVERYONE
                    criticalInfrastructureOnly: yes please
                    country: DE
                    completion: REPORT
                """);

        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> ResponseRulesLoader.load(file));

        assertEquals(List.of(
                file + ": obligations[0].categories[0]: must be one of " + List.of(Category.values()) + ", got 'NUKES'",
                file + ": obligations[0].categories[2]: DEEPFAKE_FRAUD is listed twice",
                file + ": obligations[0].sectors: must list critical sectors only ([ENERGY, TRANSPORT, FINANCE, TELECOM,"
                        + " HEALTH, WATER]), the only ones a case keeps, got [GOVERNMENT]",
                file + ": obligations[1].outcomes: OTHER stands for flags this service does not know and is never recorded;"
                        + " select the flags officers record (DEATH, SERIOUS_HARM, WIDESPREAD, CRITICAL_INFRASTRUCTURE_DISRUPTION)",
                file + ": obligations[1].obligated: REPORTING_COUNTRIES needs completion REPORT (each country meets its own"
                        + " clock with its report), got RESOLUTION",
                file + ": obligations[2].country: unknown field; expected one of [categories, completion,"
                        + " criticalInfrastructureOnly, description, due, dueSoon, id, minTier, obligated, outcomes, sectors]",
                file + ": obligations[2].criticalInfrastructureOnly: must be true or false, got 'yes please'",
                file + ": obligations[2].outcomes: must be a list",
                file + ": obligations[2].obligated: must be one of [REPORTING_COUNTRIES, INVOLVED_COUNTRIES], got 'EVERYONE'"),
                error.problems());
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
