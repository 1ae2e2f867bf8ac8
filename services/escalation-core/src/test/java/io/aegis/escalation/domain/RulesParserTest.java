package io.aegis.escalation.domain;

import io.aegis.schema.coordination.KeyKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RulesParserTest {

    @Test
    void shouldLoadTheShippedNetworkRules() {
        // given/when: the rules file the coordination centre runs with
        EscalationRules rules = RulesParser.parse(Path.of("../../infra/escalation-rules.yaml"));

        // then: the floors and windows the issue asks for are there
        assertThat(rules.windows()).containsEntry("short", Duration.ofHours(1)).containsEntry("long", Duration.ofHours(24));
        assertThat(rules.categoryFloors()).containsEntry(Category.CBRN_UPLIFT, Tier.SEVERE)
                .containsEntry(Category.LOSS_OF_CONTROL, Tier.SEVERE)
                .containsEntry(Category.CRITICAL_INFRASTRUCTURE_ATTACK, Tier.ELEVATED);
        assertThat(rules.rules()).extracting(EscalationRule::id).contains("multi-country-serious", "category-surge");
        assertThat(rules.correlation().keys()).isEqualTo(EnumSet.allOf(KeyKind.class));
    }

    @Test
    void shouldApplyDefaultsForOmittedSections() {
        EscalationRules rules = RulesParser.parse("t", """
                windows: {short: PT1H}
                rules: [{id: r, tier: ELEVATED, window: short, when: {minCountries: 2}}]
                """);

        assertThat(rules.correlation().resolution()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rules.correlation().groupRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(rules.baseline().trailing()).isEqualTo(Duration.ofDays(7));
        assertThat(rules.baseline().minimumExpected()).isEqualTo(1.0);
        assertThat(rules.categoryFloors()).isEmpty();
        assertThat(rules.rules().get(0).length()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldNameTheRuleAndFieldOfEveryViolationAtOnce() {
        // given: a file with several independent mistakes
        String yaml = """
                windows: {short: PT1H, long: one-day}
                rules:
                  - {id: ok, tier: ELEVATED, window: short, when: {minCountries: 2}}
                  - {id: ok, tier: SEVERE, window: short, when: {minCountries: 3}}
                  - {id: bad-severity, tier: SEVERE, window: short, when: {minSeverity: 7}}
                  - {id: no-window, tier: CRITICAL, window: weekly, when: {minCountries: 4}}
                  - {id: notice, tier: NOTICE, window: short, when: {minSignals: 1}}
                  - {id: typo, tier: SEVERE, window: short, when: {minCountry: 3}}
                  - {id: nothing, tier: SEVERE, window: short, when: {categories: [CBRN_UPLIFT]}}
                  - {tier: HUGE, window: short, when: {minSignals: 1}}
                """;

        // then: one error listing each, by rule index, id and field
        assertThatThrownBy(() -> RulesParser.parse("rules.yaml", yaml))
                .isInstanceOf(RulesValidationException.class)
                .satisfies(e -> assertThat(((RulesValidationException) e).violations()).containsExactlyInAnyOrder(
                        "windows.long: must be an ISO-8601 duration such as PT1H or P7D, was one-day",
                        "rules[1] (id=ok).id: duplicate rule id \"ok\"; ids must be unique",
                        "rules[2] (id=bad-severity).when.minSeverity: must be an integer from 1 to 5, was 7",
                        "rules[3] (id=no-window).window: must name a window defined under windows [short], was \"weekly\"",
                        "rules[4] (id=notice).tier: a rule must set a tier above NOTICE",
                        "rules[5] (id=typo).when.minCountry: unknown field (expected one of [baselineFactor, categories, "
                                + "minCountries, minCriticalSectors, minSeverity, minSignals])",
                        "rules[5] (id=typo).when: must set at least one of [baselineFactor, minCountries, "
                                + "minCriticalSectors, minSeverity, minSignals]",
                        "rules[6] (id=nothing).when: must set at least one of [baselineFactor, minCountries, "
                                + "minCriticalSectors, minSeverity, minSignals]",
                        "rules[7].id: is required",
                        "rules[7].tier: must be one of [NOTICE, ADVISORY, ELEVATED, SEVERE, CRITICAL], was \"HUGE\""))
                .hasMessageContaining("invalid escalation rules in rules.yaml");
    }

    @Test
    void shouldRefuseSettingsThatContradictTheWindows() {
        String yaml = """
                windows: {short: PT10M, long: PT24H}
                correlation: {resolution: PT15M, groupRetention: PT12H, keys: [CAMPAIGN, ZIP]}
                baseline: {trailing: PT1H, bucket: PT2H, minimumExpected: 0}
                categoryFloors: {CBRN_UPLIFT: NOTICE, ALIENS: SEVERE}
                rules: [{id: r, tier: ELEVATED, window: short, when: {minCountries: 2}}]
                """;

        assertThatThrownBy(() -> RulesParser.parse("rules.yaml", yaml))
                .satisfies(e -> assertThat(((RulesValidationException) e).violations()).containsExactlyInAnyOrder(
                        "correlation.keys[1]: must be one of [CAMPAIGN, INDICATOR, SYSTEM, CATEGORY_SECTOR], was \"ZIP\"",
                        "correlation.groupRetention: must be at least the longest window PT24H, was PT12H",
                        "correlation.resolution: must not be longer than the shortest window PT10M, was PT15M",
                        "baseline.minimumExpected: must be a number greater than 0.0, was 0",
                        "baseline.bucket: must not be longer than trailing PT1H, was PT2H",
                        "categoryFloors.CBRN_UPLIFT: a floor must be above NOTICE",
                        "categoryFloors.ALIENS: must be one of " + java.util.List.of(Category.values()) + ", was \"ALIENS\""));
    }

    @Test
    void shouldRefuseADocumentWithoutWindowsOrRules() {
        assertThatThrownBy(() -> RulesParser.parse("empty.yaml", "version: 2\nrulez: []\n"))
                .satisfies(e -> assertThat(((RulesValidationException) e).violations()).containsExactlyInAnyOrder(
                        "rulez: unknown field (expected one of [baseline, categoryFloors, correlation, rules, version, windows])",
                        "version: must be an integer from 1 to 1, was 2",
                        "windows: is required",
                        "rules: is required"));
    }

    @Test
    void shouldRefuseTextThatIsNotYaml() {
        assertThatThrownBy(() -> RulesParser.parse("broken.yaml", "windows: {short: PT1H\n"))
                .isInstanceOf(RulesValidationException.class)
                .hasMessageContaining("broken.yaml").hasMessageContaining("not valid YAML");
    }

    @Test
    void shouldNameTheFileThatCannotBeRead() {
        assertThatThrownBy(() -> RulesParser.parse(Path.of("does-not-exist.yaml")))
                .isInstanceOf(RulesValidationException.class)
                .hasMessageContaining("does-not-exist.yaml").hasMessageContaining("cannot read the file");
    }
}
