package io.aegis.escalation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import java.util.ArrayList;
import java.util.List;
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
 * The per-severity tallies are running counts: whatever the order of additions, retractions and
 * slots leaving a window, they must equal a recount from scratch, or a rule would count a country
 * that no longer sent a report of its severity (or miss one that did).
 */
class TallyPropertyTest {

    private static final int SLOTS = 4;

    @Property(tries = 300)
    void perSeverityTalliesEqualARecountAfterAnyAddRemoveSequence(@ForAll("operations") List<Op> ops) {
        // a window over SLOTS slots, counted incrementally as the engine does
        List<List<Observation>> held = new ArrayList<>();
        List<Tally> slots = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            held.add(new ArrayList<>());
            slots.add(Tally.empty());
        }
        Tally window = Tally.empty();
        boolean[] gone = new boolean[SLOTS];
        for (Op op : ops) {
            int slot = op.slot();
            if (gone[slot]) {
                continue;
            }
            List<Observation> mine = held.get(slot);
            if (op.kind() == Kind.ADD) {
                mine.add(op.observation());
                slots.get(slot).add(op.observation());
                window.add(op.observation());
            } else if (op.kind() == Kind.RETRACT && !mine.isEmpty()) {
                Observation retracted = mine.remove(op.pick() % mine.size());
                slots.get(slot).remove(retracted);
                window.remove(retracted);
            } else if (op.kind() == Kind.EXPIRE) {
                window.remove(slots.get(slot));
                gone[slot] = true;
            }
        }

        Tally recount = Tally.empty();
        for (int i = 0; i < SLOTS; i++) {
            assertThat(slots.get(i)).usingRecursiveComparison().isEqualTo(recount(held.get(i)));
            if (!gone[i]) {
                held.get(i).forEach(recount::add);
            }
        }
        assertThat(window).usingRecursiveComparison().isEqualTo(recount);
        for (int severity = 1; severity <= 5; severity++) {
            assertThat(window.countriesAtLeast(severity)).isEqualTo(expectedCountries(held, gone, severity));
        }
    }

    private static Tally recount(List<Observation> observations) {
        Tally tally = Tally.empty();
        observations.forEach(tally::add);
        return tally;
    }

    private static Set<String> expectedCountries(List<List<Observation>> held, boolean[] gone, int severity) {
        Set<String> countries = new TreeSet<>();
        for (int i = 0; i < SLOTS; i++) {
            if (!gone[i]) {
                held.get(i).stream().filter(o -> o.severity() >= severity).forEach(o -> countries.add(o.country()));
            }
        }
        return countries;
    }

    enum Kind { ADD, RETRACT, EXPIRE }

    record Op(Kind kind, int slot, int pick, Observation observation) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Observation> observation = Combinators.combine(
                Arbitraries.of("FR", "DE", "JP", "BR"),
                Arbitraries.integers().between(1, 5),
                Arbitraries.subsetOf(Sector.ENERGY, Sector.WATER, Sector.FINANCE, Sector.MEDIA),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 999)
        ).as((country, severity, sectors, countOnly, n) ->
                new Observation("s" + n, country, Category.MODEL_MISUSE, sectors, severity, 0, countOnly));
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.frequency(Tuple.of(6, Kind.ADD), Tuple.of(3, Kind.RETRACT), Tuple.of(1, Kind.EXPIRE)),
                Arbitraries.integers().between(0, SLOTS - 1),
                Arbitraries.integers().between(0, 1000),
                observation
        ).as(Op::new);
        return op.list().ofMaxSize(60);
    }
}
