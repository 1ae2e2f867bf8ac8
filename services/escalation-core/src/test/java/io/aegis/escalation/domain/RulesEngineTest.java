package io.aegis.escalation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesEngineTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final Baseline NO_HISTORY = new BucketedBaseline(
            new BaselineSettings(Duration.ofDays(1), Duration.ofHours(1), 1.0), new MapCountsStore());

    private final RulesEngine engine = new RulesEngine(RulesParser.parse("t", """
            windows: {short: PT1H, long: PT24H}
            categoryFloors: {LOSS_OF_CONTROL: SEVERE}
            rules:
              - {id: two-countries, tier: ELEVATED, window: long, when: {minCountries: 2}}
              - {id: also-elevated, tier: ELEVATED, window: short, when: {minSignals: 2}}
              - {id: ci, tier: CRITICAL, window: long, when: {minCriticalSectors: 2, minSeverity: 5}}
              - {id: theft-only, tier: SEVERE, window: short, when: {categories: [MODEL_THEFT], minCountries: 2}}
            """));

    private final RulesEngine severe = new RulesEngine(RulesParser.parse("t", """
            windows: {short: PT1H}
            rules:
              - {id: serious-spread, tier: SEVERE, window: short, when: {minCountries: 3, minSeverity: 4}}
              - {id: two-serious, tier: ELEVATED, window: short, when: {minSignals: 2, minSeverity: 4}}
            """));

    @Test
    void shouldStayAtNoticeWhenNoRuleHolds() {
        GroupState group = group(obs("a", "FR", Category.MODEL_MISUSE, 3, 0));

        assertThat(engine.assessAbove(Tier.NOTICE, group, 0, NO_HISTORY)).isEmpty();
    }

    @Test
    void shouldReportTheHighestTierWithEveryRuleReachingIt() {
        GroupState group = group(obs("a", "FR", Category.MODEL_MISUSE, 3, 0), obs("b", "DE", Category.MODEL_MISUSE, 3, MINUTE));

        Assessment a = engine.assessAbove(Tier.NOTICE, group, MINUTE, NO_HISTORY).orElseThrow();

        assertThat(a.tier()).isEqualTo(Tier.ELEVATED);
        assertThat(a.ruleIds()).containsExactly("two-countries", "also-elevated");
        assertThat(a.stats().window()).isEqualTo(Duration.ofHours(24));
        assertThat(a.reason()).isEqualTo("two-countries: 2 countries (>= 2) within PT24H; "
                + "also-elevated: 2 signals (>= 2) within PT1H");
    }

    @Test
    void shouldAnswerNothingWhenTheGroupIsAlreadyAtThatTier() {
        GroupState group = group(obs("a", "FR", Category.MODEL_MISUSE, 3, 0), obs("b", "DE", Category.MODEL_MISUSE, 3, MINUTE));

        assertThat(engine.assessAbove(Tier.ELEVATED, group, MINUTE, NO_HISTORY)).isEmpty();
        assertThat(engine.assessAbove(Tier.ADVISORY, group, MINUTE, NO_HISTORY)).map(Assessment::tier).contains(Tier.ELEVATED);
    }

    @Test
    void shouldRequireEveryConditionOfARule() {
        // two critical sectors but no severity-5 report: the CRITICAL rule needs both
        GroupState group = group(
                obs("a", "FR", Category.MODEL_MISUSE, 4, 0, Sector.ENERGY),
                obs("b", "FR", Category.MODEL_MISUSE, 4, 2 * MINUTE, Sector.WATER, Sector.MEDIA));

        assertThat(engine.assessAbove(Tier.NOTICE, group, 2 * MINUTE, NO_HISTORY)).map(Assessment::tier).contains(Tier.ELEVATED);

        // a severity-5 report touching no critical sector: the sectors counted are those of severity-5 reports
        add(group, obs("c", "FR", Category.MODEL_MISUSE, 5, 3 * MINUTE));
        assertThat(engine.assessAbove(Tier.NOTICE, group, 3 * MINUTE, NO_HISTORY)).map(Assessment::tier).contains(Tier.ELEVATED);

        add(group, obs("d", "FR", Category.MODEL_MISUSE, 5, 4 * MINUTE, Sector.ENERGY, Sector.WATER));
        Assessment critical = engine.assessAbove(Tier.NOTICE, group, 4 * MINUTE, NO_HISTORY).orElseThrow();
        assertThat(critical.tier()).isEqualTo(Tier.CRITICAL);
        assertThat(critical.reason()).isEqualTo("ci: 2 critical sectors hit by reports of severity >= 5 (>= 2) within PT24H");
        assertThat(critical.stats().criticalSectors()).containsExactlyInAnyOrder(Sector.ENERGY, Sector.WATER);
    }

    @Test
    void shouldFireMinCountriesWithMinSeverityWhenEachCountrySentSuchAReport() {
        GroupState group = group(obs("a", "FR", Category.MODEL_MISUSE, 4, 0), obs("b", "DE", Category.MODEL_MISUSE, 5, 0),
                obs("c", "JP", Category.MODEL_MISUSE, 4, MINUTE), obs("d", "KE", Category.MODEL_MISUSE, 2, MINUTE));

        Assessment a = severe.assessAbove(Tier.NOTICE, group, MINUTE, NO_HISTORY).orElseThrow();

        assertThat(a.tier()).isEqualTo(Tier.SEVERE);
        assertThat(a.reason()).isEqualTo("serious-spread: 3 countries with reports of severity >= 4 (>= 3) within PT1H");
        // the escalation's figures stay those of the whole window
        assertThat(a.stats().countries()).containsExactly("DE", "FR", "JP", "KE");
        assertThat(a.stats().signalCount()).isEqualTo(4);
        assertThat(a.stats().maxSeverity()).isEqualTo(5);
    }

    @Test
    void shouldNotCountACountryWhoseReportsAreAllBelowMinSeverity() {
        // three countries report and one report is severity 4: the old "maximum severity" reading fired here
        GroupState group = group(obs("a", "FR", Category.MODEL_MISUSE, 4, 0), obs("b", "DE", Category.MODEL_MISUSE, 4, 0),
                obs("c", "JP", Category.MODEL_MISUSE, 2, MINUTE), obs("d", "JP", Category.MODEL_MISUSE, 3, MINUTE));

        assertThat(severe.assessAbove(Tier.NOTICE, group, MINUTE, NO_HISTORY)).map(Assessment::ruleIds)
                .contains(List.of("two-serious"));
    }

    @Test
    void shouldTakeACountryOutOfTheSeverityCountWhenItsSevereReportIsRetracted() {
        Observation severeFromFrance = obs("a", "FR", Category.MODEL_MISUSE, 4, 0);
        GroupState group = group(severeFromFrance, obs("b", "FR", Category.MODEL_MISUSE, 1, 0),
                obs("c", "DE", Category.MODEL_MISUSE, 4, 0), obs("d", "JP", Category.MODEL_MISUSE, 5, 0));
        assertThat(severe.assessAbove(Tier.NOTICE, group, 0, NO_HISTORY)).map(Assessment::tier).contains(Tier.SEVERE);

        group.windows().values().forEach(w -> w.remove(Category.MODEL_MISUSE, severeFromFrance));

        // France still reports, but nothing of severity 4 or more
        assertThat(severe.assessAbove(Tier.NOTICE, group, 0, NO_HISTORY)).map(Assessment::ruleIds)
                .contains(List.of("two-serious"));
        assertThat(WindowStats.of(group.window(Duration.ofHours(1)), Duration.ofHours(1), 0, c -> true).countries())
                .containsExactly("DE", "FR", "JP");
    }

    @Test
    void shouldCountOnlyReportsAtOrAboveMinSeverityForMinSignals() {
        GroupState group = group(obs("a", "FR", Category.MODEL_MISUSE, 3, 0), obs("b", "FR", Category.MODEL_MISUSE, 3, 0),
                obs("c", "FR", Category.MODEL_MISUSE, 5, 0));
        assertThat(severe.assessAbove(Tier.NOTICE, group, 0, NO_HISTORY)).isEmpty();

        add(group, obs("d", "FR", Category.MODEL_MISUSE, 4, MINUTE));
        assertThat(severe.assessAbove(Tier.NOTICE, group, MINUTE, NO_HISTORY)).map(Assessment::reason)
                .contains("two-serious: 2 signals of severity >= 4 (>= 2) within PT1H");
    }

    @Test
    void shouldCountOnlyTheListedCategoriesForACategoryRule() {
        GroupState group = group(obs("a", "FR", Category.MODEL_THEFT, 2, 0), obs("b", "DE", Category.MODEL_MISUSE, 2, 0));
        assertThat(engine.assessAbove(Tier.NOTICE, group, 0, NO_HISTORY)).map(Assessment::tier).contains(Tier.ELEVATED);

        add(group, obs("c", "JP", Category.MODEL_THEFT, 2, MINUTE));
        Assessment a = engine.assessAbove(Tier.NOTICE, group, MINUTE, NO_HISTORY).orElseThrow();
        assertThat(a.tier()).isEqualTo(Tier.SEVERE);
        assertThat(a.stats().countries()).containsExactly("FR", "JP");
        assertThat(a.reason()).isEqualTo("theft-only: 2 countries (>= 2) of [MODEL_THEFT] within PT1H");
    }

    @Test
    void shouldApplyACategoryFloorFromTheFirstSignal() {
        GroupState group = group(obs("a", "FR", Category.LOSS_OF_CONTROL, 1, 0));

        Optional<Assessment> a = engine.assessAbove(Tier.NOTICE, group, 0, NO_HISTORY);

        assertThat(a).map(Assessment::tier).contains(Tier.SEVERE);
        assertThat(a).map(Assessment::ruleIds).contains(List.of("floor:LOSS_OF_CONTROL"));
    }

    /** A group whose window tallies hold these observations (all inside both windows). */
    static GroupState group(Observation... observations) {
        GroupState group = GroupState.found("g", 0, List.of(Duration.ofHours(1), Duration.ofHours(24)));
        for (Observation o : observations) {
            add(group, o);
        }
        return group;
    }

    static void add(GroupState group, Observation o) {
        group.windows().values().forEach(w -> w.add(o.category(), o));
    }

    static Observation obs(String id, String country, Category category, int severity, long at, Sector... sectors) {
        return new Observation(id, country, category, Set.of(sectors), severity, at, false);
    }
}
