package io.aegis.escalation.domain;

import static io.aegis.testsupport.fixtures.CoordinationSignals.T0;
import static io.aegis.testsupport.fixtures.CoordinationSignals.countOnly;
import static io.aegis.testsupport.fixtures.CoordinationSignals.indicator;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.SignalDisclosure;
import io.aegis.schema.routing.CoordinationSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changes of held signals are found through the signal → group index, wherever the signal's keys
 * point now: a count-only signal's only key (category × sector) moves on to the latest incident of
 * its kind, while the signal stays counted by the incident it joined.
 */
class SignalUpdatesTest {

    private static final EscalationRules RULES = RulesParser.parse(Path.of("../../infra/escalation-rules.yaml"));
    private static final Category ATTACK = Category.CRITICAL_INFRASTRUCTURE_ATTACK;
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private InMemoryGroupStore store;
    private EscalationEngine engine;

    @BeforeEach
    void setUp() {
        store = new InMemoryGroupStore();
        engine = new EscalationEngine(RULES, store, new BucketedBaseline(RULES.baseline(), new MapCountsStore()));
    }

    @Test
    void shouldRetractACountOnlySignalFromItsGroupAfterALaterCampaignTookItsCategoryAndSectorKey() {
        // given: campaign A (ELEVATED by the category floor) holds DE's count-only report; then campaign B,
        // same category × sector but an identity of its own, founds its group and takes the ENERGY key
        twoCampaignsInEnergy();
        assertThat(store.link("cat:CRITICAL_INFRASTRUCTURE_ATTACK|sector:ENERGY").groupId()).isEqualTo("campaign:cB");
        assertThat(counted("campaign:cA")).isEqualTo(2);

        // when: DE retracts its count-only report
        Optional<Escalation> out = engine.onSignal(
                countOnly("k1", "DE", ATTACK, Sector.ENERGY, 3).setRetracted(true).build(), at(20));

        // then: it leaves A's figures (B's are untouched), and A's case hears of it, named to nobody
        assertThat(counted("campaign:cA")).isEqualTo(1);
        assertThat(counted("campaign:cB")).isEqualTo(1);
        assertThat(store.groupsOfSignal("k1")).isEmpty();
        assertThat(out).hasValueSatisfying(update -> {
            assertThat(update.getDisclosureUpdate()).isTrue();
            assertThat(update.getCorrelationKey().toString()).isEqualTo("campaign:cA");
            assertThat(update.getTier()).isEqualTo(Tier.ELEVATED);
            assertThat(update.getDisclosures()).extracting(SignalDisclosure::toString).containsExactly(
                    new SignalDisclosure("k1", "DE", true, Attribution.ANONYMOUS, List.of()).toString());
        });
    }

    @Test
    void shouldNarrowACountOnlySignalOfItsGroupAfterALaterCampaignTookItsCategoryAndSectorKey() {
        twoCampaignsInEnergy();

        // when: DE downgrades its count-only report (JP loses it)
        Optional<Escalation> out = engine.onSignal(countOnly("k1", "DE", ATTACK, Sector.ENERGY, 3)
                .setAudience(List.of(new Delivery("FR", null))).setUpdate(true).build(), at(20));

        // then: A's case is told, A still counts it, and the stored facts are narrowed
        assertThat(out).hasValueSatisfying(update ->
                assertThat(update.getCorrelationKey().toString()).isEqualTo("campaign:cA"));
        assertThat(counted("campaign:cA")).isEqualTo(2);
        assertThat(held("campaign:cA", "k1").audience()).containsOnlyKeys("FR");
    }

    @Test
    void shouldStillFindASignalStoredBeforeTheIndexExistedThroughItsKeys() {
        // given: state of the previous release: the signal is held, but the index has no entry for it
        engine.onSignal(indicator("s1", "FR", "a.example", 4).build(), at(0));
        store.signalIndex.clear();

        // when: it is retracted
        engine.onSignal(indicator("s1", "FR", "a.example", 4).setRetracted(true).build(), at(5));

        // then: found through the group its indicator links to, and taken out
        assertThat(counted("ioc:DOMAIN:a.example")).isZero();
        assertThat(store.signals).isEmpty();
    }

    @Test
    void shouldFindNothingToRetractOnceTheGroupOfTheSignalIsRetired() {
        // the case is resolved: its group's signals are dropped, so a late retraction has nothing to narrow
        twoCampaignsInEnergy();
        assertThat(engine.retire("campaign:cA", at(0))).isTrue();

        Optional<Escalation> out = engine.onSignal(
                countOnly("k1", "DE", ATTACK, Sector.ENERGY, 3).setRetracted(true).build(), at(20));

        assertThat(out).isEmpty();
        assertThat(store.groupsOfSignal("k1")).isEmpty();
        assertThat(counted("campaign:cB")).isEqualTo(1);
    }

    private void twoCampaignsInEnergy() {
        engine.onSignal(attack("a1", "FR", "cA", "a.example"), at(0));
        engine.onSignal(countOnly("k1", "DE", ATTACK, Sector.ENERGY, 3)
                .setAudience(List.of(new Delivery("FR", null), new Delivery("JP", null))).build(), at(1));
        engine.onSignal(attack("b1", "JP", "cB", "b.example"), at(10));
    }

    private static CoordinationSignal attack(String id, String country, String campaign, String domain) {
        return indicator(id, country, domain, 3).setCampaignId(campaign)
                .setCategory(ATTACK).setSectors(List.of(Sector.ENERGY)).build();
    }

    /** Signals counted in the group's longest window. */
    private int counted(String groupId) {
        return store.load(groupId).window(RULES.longestWindow()).byCategory().values().stream()
                .mapToInt(Tally::count).sum();
    }

    private Observation held(String groupId, String signalId) {
        return store.signals(groupId, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE).stream()
                .filter(o -> o.signalId().equals(signalId)).findFirst().orElseThrow();
    }

    private static long at(int minutes) {
        return T0.toEpochMilli() + minutes * MINUTE;
    }
}
