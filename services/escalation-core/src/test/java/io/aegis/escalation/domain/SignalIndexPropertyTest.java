package io.aegis.escalation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.escalation.domain.TierMonotonicityTest.Step;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.routing.CoordinationSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The signal → group index stays exact through every path that stores, moves or drops signals:
 * counting, window expiry, merges, retractions, downgrades, retirement of resolved groups and
 * forgetting of idle ones. A change of a signal is found through it, so it must never miss a
 * holder nor name a group that no longer holds the signal.
 */
class SignalIndexPropertyTest {

    private static final EscalationRules RULES = RulesParser.parse(Path.of("../../infra/escalation-rules.yaml"));
    private static final long DAY = Duration.ofDays(1).toMillis();

    enum Kind { SIGNAL, DOWNGRADE, RETIRE, FORGET_IDLE }

    /** One thing happening: a step's signal (new or retracted), its downgrade, a group's case resolved, or an hourly expiry check. */
    record Action(Kind kind, Step step, int pick) {
    }

    @Property(tries = 300)
    void theIndexNamesExactlyTheGroupsHoldingEachSignal(@ForAll("actions") List<Action> actions) {
        InMemoryGroupStore store = new InMemoryGroupStore();
        EscalationEngine engine = new EscalationEngine(RULES, store, new BucketedBaseline(RULES.baseline(), new MapCountsStore()));
        long at = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
        for (Action action : actions) {
            at += action.step().gapMinutes() * 60_000L;
            apply(action, engine, store, at);
            assertIndexExact(store);
        }
    }

    @Property(tries = 300)
    void aRetractionTakesASignalHeldOnceOutOfEveryGroup(@ForAll("actions") List<Action> actions) {
        // whatever its keys point at by then (re-pointed to a later incident, or unassigned)
        InMemoryGroupStore store = new InMemoryGroupStore();
        EscalationEngine engine = new EscalationEngine(RULES, store, new BucketedBaseline(RULES.baseline(), new MapCountsStore()));
        long at = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
        for (Action action : actions) {
            at += action.step().gapMinutes() * 60_000L;
            String id = action.step().id();
            boolean heldOnce = holders(store).getOrDefault(id, List.of()).size() == 1;
            apply(action, engine, store, at);
            if (action.kind() == Kind.SIGNAL && action.step().retracted() && heldOnce) {
                assertThat(holders(store)).as("%s after its retraction", id).doesNotContainKey(id);
            }
        }
    }

    private static void apply(Action action, EscalationEngine engine, InMemoryGroupStore store, long at) {
        switch (action.kind()) {
            case SIGNAL -> engine.onSignal(action.step().signal(), at);
            case DOWNGRADE -> engine.onSignal(CoordinationSignal.newBuilder(action.step().signal())
                    .setRetracted(false).setUpdate(true).setAttribution(Attribution.ANONYMOUS).build(), at);
            case RETIRE -> {
                List<String> ids = List.copyOf(new TreeSet<>(store.groups.keySet()));
                if (!ids.isEmpty()) {
                    engine.retire(ids.get(action.pick() % ids.size()), at);
                }
            }
            case FORGET_IDLE -> engine.expire(at + action.pick() * DAY);
        }
    }

    /** Every stored signal's index entries name the groups holding it, and no other group. */
    private static void assertIndexExact(InMemoryGroupStore store) {
        Map<String, List<String>> holders = holders(store);
        Set<String> ids = new HashSet<>(holders.keySet());
        ids.addAll(store.signalIndex.keySet());
        for (String id : ids) {
            assertThat(store.groupsOfSignal(id)).as("groups holding %s", id)
                    .containsExactlyInAnyOrderElementsOf(new TreeSet<>(holders.getOrDefault(id, List.of())));
        }
    }

    /** Signal id → the group of each stored copy (a group twice when it holds the id in two slots). */
    private static Map<String, List<String>> holders(InMemoryGroupStore store) {
        Map<String, List<String>> holders = new HashMap<>();
        store.signals.forEach((groupId, signals) -> signals.values().forEach(o ->
                holders.computeIfAbsent(o.signalId(), id -> new ArrayList<>()).add(groupId)));
        return holders;
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 19),
                Arbitraries.of("FR", "DE", "JP", "BR", "KE"),
                Arbitraries.of(Category.DEEPFAKE_FRAUD, Category.CBRN_UPLIFT, Category.CRITICAL_INFRASTRUCTURE_ATTACK),
                Arbitraries.of(Sector.FINANCE, Sector.ENERGY),
                Arbitraries.integers().between(1, 5),
                Arbitraries.of("c1", "c2", "c3", ""),
                Arbitraries.of(0, 1, 5, 30, 61, 600, 1500),
                Arbitraries.integers().between(0, 4)
        ).as((n, country, category, sector, severity, campaign, gap, flavour) ->
                // every third id is count-only: only a category × sector key, re-pointed by later campaigns
                new Step("s" + n, country, category, sector, severity, campaign, gap, n % 3 == 0, flavour == 0));
        Arbitrary<Kind> kind = Arbitraries.frequency(
                Tuple.of(20, Kind.SIGNAL), Tuple.of(2, Kind.DOWNGRADE),
                Tuple.of(1, Kind.RETIRE), Tuple.of(1, Kind.FORGET_IDLE));
        Arbitrary<Action> action = Combinators.combine(kind, step, Arbitraries.integers().between(0, 40))
                .as(Action::new);
        return action.list().ofMinSize(1).ofMaxSize(40);
    }
}
