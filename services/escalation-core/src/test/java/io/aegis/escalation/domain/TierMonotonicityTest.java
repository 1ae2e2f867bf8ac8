package io.aegis.escalation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of escalation over arbitrary signal sequences, with the shipped network rules. */
class TierMonotonicityTest {

    private static final EscalationRules RULES = RulesParser.parse(Path.of("../../infra/escalation-rules.yaml"));

    @org.junit.jupiter.api.Test
    void shouldNotAnnounceAMergedAwayGroupIdAgainWhenItsStaleKeyRefoundsAGroup() {
        // found by the property below: cat×sector group escalates, is absorbed by the campaign group,
        // and 25 h later its stale key founds a new group, which must not reuse the announced id
        List<Step> steps = List.of(
                new Step("s0", "FR", Category.CRITICAL_INFRASTRUCTURE_ATTACK, Sector.FINANCE, 1, "c1", 0, true, false),
                new Step("s1", "FR", Category.CBRN_UPLIFT, Sector.FINANCE, 1, "c1", 0, false, false),
                // (a signal of its own: a record for an id already held is an update, never counted again)
                new Step("s2", "FR", Category.CRITICAL_INFRASTRUCTURE_ATTACK, Sector.FINANCE, 1, "c1", 0, false, false),
                new Step("s0", "FR", Category.DEEPFAKE_FRAUD, Sector.FINANCE, 1, "c1", 1500, true, true),
                new Step("s3", "FR", Category.CRITICAL_INFRASTRUCTURE_ATTACK, Sector.FINANCE, 1, "c1", 0, true, false));

        List<Escalation> out = tierChanges(run(steps));

        assertThat(out).extracting(e -> e.getCorrelationKey().toString()).containsExactly(
                "cat:CRITICAL_INFRASTRUCTURE_ATTACK|sector:FINANCE", "campaign:c1",
                "cat:CRITICAL_INFRASTRUCTURE_ATTACK|sector:FINANCE@2026-11-21T01:00:00Z");
        assertThat(out).extracting(Escalation::getEscalationId).doesNotHaveDuplicates();
    }

    @Property(tries = 200)
    void tiersOfAGroupOnlyRiseAndEachIsAnnouncedOnce(@ForAll("sequences") List<Step> steps) {
        List<Escalation> out = run(steps);

        Map<String, Tier> last = new HashMap<>();
        for (Escalation e : out) {
            Tier before = last.get(e.getCorrelationKey());
            if (e.getDisclosureUpdate() || e.getGroupUpdate()) {
                // a disclosure or group update is no tier change: it names the tier its group last announced
                assertThat(e.getTier()).isEqualTo(before);
                continue;
            }
            assertThat(e.getPreviousTier()).isEqualTo(before);
            if (before != null) {
                assertThat(e.getTier()).isGreaterThan(before);
            }
            last.put(e.getCorrelationKey(), e.getTier());
        }
    }

    @Property(tries = 200)
    void countOnlySignalsAreNeverNamedAndEveryNamedSignalWasSent(@ForAll("sequences") List<Step> steps) {
        Set<String> countOnly = new HashSet<>();
        Set<String> sent = new HashSet<>();
        steps.forEach(s -> (s.countOnly() ? countOnly : sent).add(s.id()));

        for (Escalation e : tierChanges(run(steps))) {
            assertThat(e.getSignalIds()).noneMatch(countOnly::contains);
            assertThat(sent).containsAll(e.getSignalIds());
            assertThat(e.getSignalCount()).isGreaterThanOrEqualTo(e.getSignalIds().size());
            assertThat(e.getRules()).isNotEmpty();
        }
    }

    @Property(tries = 100)
    void theSameSignalsGiveTheSameEscalations(@ForAll("sequences") List<Step> steps) {
        assertThat(run(steps)).isEqualTo(run(steps));
    }

    @Property(tries = 200)
    void eachWindowTallyEqualsTheSlotsAfterItsBoundary(@ForAll("sequences") List<Step> steps) {
        // incremental tallies (advance, retract, merge) must never drift from a recount
        InMemoryGroupStore store = new InMemoryGroupStore();
        run(steps, store);

        for (GroupState group : store.groups.values()) {
            group.windows().forEach((length, tally) -> {
                WindowTally recount = new WindowTally(tally.boundary(), Map.of());
                store.slots(group.id(), tally.boundary(), Long.MAX_VALUE).forEach(recount::add);
                assertThat(tally.byCategory()).usingRecursiveComparison().isEqualTo(recount.byCategory());
            });
        }
    }

    @Property(tries = 200)
    void aDisclosureUpdateCarriesOnlyTheChangedSignalAndNoFigures(@ForAll("sequences") List<Step> steps) {
        for (Escalation e : run(steps)) {
            if (e.getDisclosureUpdate()) {
                assertThat(e.getDisclosures()).hasSize(1);
                assertThat(e.getSignalIds()).isEmpty();
                assertThat(e.getCountries()).isEmpty();
                assertThat(e.getSignalCount()).isZero();
            }
        }
    }

    @Property(tries = 200)
    void everyNewReportIntoAnEscalatedGroupReachesItsCase(@ForAll("sequences") List<Step> steps) {
        // a group above NOTICE tells its case of each report its arrival counted: by a tier change naming
        // the window's signals, or by a group update naming just that one (count-only reports: by count)
        InMemoryGroupStore store = new InMemoryGroupStore();
        EscalationEngine engine = new EscalationEngine(RULES, store, new BucketedBaseline(RULES.baseline(), new MapCountsStore()));
        Set<String> seen = new HashSet<>();
        long at = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
        for (Step step : steps) {
            at += step.gapMinutes() * 60_000L;
            boolean fresh = !step.retracted() && seen.add(step.id());
            Optional<Escalation> out = engine.onSignal(step.signal(), at);
            if (!fresh) {
                continue;
            }
            Optional<GroupState> holder = store.groups.values().stream()
                    .filter(g -> !store.signals(g.id(), Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE).stream()
                            .filter(o -> o.signalId().equals(step.id())).toList().isEmpty())
                    .findFirst();
            if (holder.isPresent() && holder.get().tier().compareTo(Tier.NOTICE) > 0) {
                assertThat(out).as("what %s's arrival told the case of %s", step.id(), holder.get().id()).isPresent();
                assertThat(out.get().getCorrelationKey()).isEqualTo(holder.get().id());
                assertThat(out.get().getDisclosures()).extracting(d -> d.getSignalId()).contains(step.id());
                if (!step.countOnly()) {
                    assertThat(out.get().getSignalIds()).contains(step.id());
                }
                if (out.get().getGroupUpdate()) {
                    assertThat(out.get().getRules()).isEmpty();
                    assertThat(out.get().getSignalIds()).hasSizeLessThanOrEqualTo(1);
                    assertThat(out.get().getTier()).isEqualTo(holder.get().tier());
                }
            } else {
                assertThat(out.filter(Escalation::getGroupUpdate)).as("no group update below NOTICE").isEmpty();
            }
        }
    }

    private static List<Escalation> tierChanges(List<Escalation> out) {
        return out.stream().filter(e -> !e.getDisclosureUpdate() && !e.getGroupUpdate()).toList();
    }

    private static List<Escalation> run(List<Step> steps) {
        return run(steps, new InMemoryGroupStore());
    }

    private static List<Escalation> run(List<Step> steps, InMemoryGroupStore store) {
        EscalationEngine engine = new EscalationEngine(RULES, store,
                new BucketedBaseline(RULES.baseline(), new MapCountsStore()));
        List<Escalation> out = new ArrayList<>();
        long at = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
        for (Step step : steps) {
            at += step.gapMinutes() * 60_000L;
            engine.onSignal(step.signal(), at).ifPresent(out::add);
        }
        return out;
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 39),
                Arbitraries.of("FR", "DE", "JP", "BR", "KE"),
                Arbitraries.of(Category.DEEPFAKE_FRAUD, Category.CBRN_UPLIFT, Category.MODEL_THEFT,
                        Category.CRITICAL_INFRASTRUCTURE_ATTACK),
                Arbitraries.of(Sector.FINANCE, Sector.ENERGY, Sector.MEDIA),
                Arbitraries.integers().between(1, 5),
                Arbitraries.of("c1", "c2", "c3", ""),
                Arbitraries.of(0, 1, 5, 30, 61, 600, 1500),
                Arbitraries.integers().between(0, 9)
        ).as((n, country, category, sector, severity, campaign, gap, flavour) ->
                new Step("s" + n, country, category, sector, severity, campaign, gap, n % 5 == 0, flavour == 0));
        // ids repeat on purpose (redeliveries, retractions of earlier signals); a given id's level never changes
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    record Step(String id, String country, Category category, Sector sector, int severity, String campaign,
                int gapMinutes, boolean countOnly, boolean retracted) {

        CoordinationSignal signal() {
            return CoordinationSignal.newBuilder()
                    .setSignalId(id).setOriginCountry(country)
                    .setLevel(countOnly ? CoordinationLevel.COUNT_ONLY : CoordinationLevel.HASHED)
                    .setCategory(category).setSectors(List.of(sector)).setSeverity(severity).setConfidence(50)
                    .setTlp(Tlp.GREEN).setObservedAt(Instant.EPOCH).setSubmittedAt(Instant.EPOCH)
                    .setCampaignId(countOnly || campaign.isEmpty() ? null : campaign)
                    .setIndicators(countOnly ? List.of() : List.of(new Indicator(IndicatorType.DOMAIN, id + ".example")))
                    .setRetracted(retracted)
                    .build();
        }
    }
}
