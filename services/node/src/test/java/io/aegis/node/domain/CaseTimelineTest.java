package io.aegis.node.domain;

import io.aegis.kafka.avro.AvroTrust;
import io.aegis.node.domain.CaseTimeline.Event;
import io.aegis.node.domain.CaseTimeline.Type;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Acknowledgement;
import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.CaseComment;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.Obligation;
import io.aegis.schema.response.ObligationState;
import io.aegis.schema.response.Vote;
import io.aegis.schema.response.VoteChoice;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The case timeline a member derives from the copies of a case it received. */
class CaseTimelineTest {

    static {
        // the builders copy record defaults, which Avro 1.12 does only for trusted classes (run alone, nothing else trusts them)
        AvroTrust.trustContracts();
    }

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void shouldTellEachChangeBetweenSuccessiveCopiesAtTheTimesTheCopiesState() {
        // given the opening copy, then a copy in which DE joined with a signal, FR acknowledged and an action was
        // proposed and voted on, then one in which the action passed and the case was resolved
        EmergencyCase opened = copy(1, T0, Tier.ELEVATED, CaseState.OPEN).setInvolvedCountries(List.of("FR"))
                .setSignalIds(List.of("s1")).setInvolvedCount(1).build();
        Instant ackAt = T0.plusSeconds(60);
        Instant voteAt = T0.plusSeconds(90);
        JointAction proposed = action(T0.plusSeconds(80), ActionState.PROPOSED, null,
                List.of(new Vote("FR", "olivier", VoteChoice.YES, voteAt)));
        EmergencyCase acknowledged = copy(5, T0.plusSeconds(100), Tier.SEVERE, CaseState.ACKNOWLEDGED)
                .setInvolvedCountries(List.of("FR", "DE")).setInvolvedCount(3).setSignalIds(List.of("s1", "s2"))
                .setUnnamedSignalCount(2).setAcknowledgements(List.of(new Acknowledgement("FR", "olivier", ackAt)))
                .setActions(List.of(proposed)).setEscalationLevel(1).build();
        JointAction passed = JointAction.newBuilder(proposed).setState(ActionState.PASSED).setDecidedAt(T0.plusSeconds(200)).build();
        EmergencyCase resolved = EmergencyCase.newBuilder(acknowledged).setLastSequence(8).setUpdatedAt(T0.plusSeconds(300))
                .setState(CaseState.RESOLVED).setResolution("contained").setActions(List.of(passed)).build();

        // when the timeline is derived
        List<Event> events = CaseTimeline.derive(List.of(opened, acknowledged, resolved));

        // then every change appears once, at the copy's own times
        assertEquals(List.of(Type.OPENED, Type.ACKNOWLEDGED, Type.ACTION_PROPOSED, Type.VOTED, Type.TIER_RAISED,
                Type.COUNTRIES_JOINED, Type.SIGNALS_ADDED, Type.ESCALATED, Type.ACTION_DECIDED, Type.RESOLVED),
                events.stream().map(Event::type).toList());
        assertEquals(List.of(T0, ackAt, T0.plusSeconds(80), voteAt, T0.plusSeconds(100), T0.plusSeconds(100),
                T0.plusSeconds(100), T0.plusSeconds(100), T0.plusSeconds(200), T0.plusSeconds(300)),
                events.stream().map(Event::at).toList());
        Event joined = events.get(5);
        assertEquals(List.of("DE"), joined.countries());
        assertEquals(1, joined.unnamed());
        Event added = events.get(6);
        assertEquals(List.of("s2"), added.signals());
        assertEquals(2, added.unnamed());
        assertEquals("FR", events.get(1).actorCountry());
        assertEquals("olivier", events.get(1).actorOfficer());
        assertEquals("Resolved: contained", events.get(9).text());
    }

    @Test
    void shouldStartFromTheFirstCopyHeldWithoutInventingEarlierEvents() {
        // given a node that started after the case was opened and acknowledged: its first copy is a later one
        EmergencyCase late = copy(7, T0.plusSeconds(500), Tier.SEVERE, CaseState.ACKNOWLEDGED)
                .setInvolvedCountries(List.of("FR", "DE")).setInvolvedCount(2)
                .setAcknowledgements(List.of(new Acknowledgement("DE", "dora", T0.plusSeconds(30)))).build();
        EmergencyCase overdue = EmergencyCase.newBuilder(late).setLastSequence(8).setUpdatedAt(T0.plusSeconds(600))
                .setObligations(List.of(Obligation.newBuilder().setId("o1").setDescription("initial report")
                        .setDueAt(T0.plusSeconds(590)).setState(ObligationState.OVERDUE).build())).build();

        List<Event> events = CaseTimeline.derive(List.of(late, overdue));

        // then no OPENED and no acknowledgement from before the first copy, and the history says from when it is held
        assertEquals(List.of(Type.HISTORY_FROM, Type.OBLIGATION), events.stream().map(Event::type).toList());
        assertEquals(T0.plusSeconds(500), events.get(0).at());
        assertTrue(events.get(0).text().startsWith("History held from 2026-12-01T08:08:20Z"), events.get(0).text());
        assertFalse(CaseTimeline.opening(late));
    }

    @Test
    void shouldTellEachCommentOnceAtItsOwnTimeInItsCountrysName() {
        CaseComment first = new CaseComment("DE", "dora", "regulator informed", T0.plusSeconds(20));
        CaseComment second = new CaseComment("FR", "olivier", "callback domain blocked", T0.plusSeconds(70));
        EmergencyCase opened = copy(1, T0, Tier.SEVERE, CaseState.OPEN).setInvolvedCountries(List.of("FR", "DE"))
                .setInvolvedCount(2).build();
        EmergencyCase once = EmergencyCase.newBuilder(opened).setLastSequence(2).setUpdatedAt(T0.plusSeconds(20))
                .setComments(List.of(first)).build();
        EmergencyCase twice = EmergencyCase.newBuilder(once).setLastSequence(3).setUpdatedAt(T0.plusSeconds(70))
                .setComments(List.of(first, second)).build();

        List<Event> events = CaseTimeline.derive(List.of(opened, once, twice));

        assertEquals(List.of(Type.OPENED, Type.COMMENTED, Type.COMMENTED), events.stream().map(Event::type).toList());
        assertEquals(List.of(T0, T0.plusSeconds(20), T0.plusSeconds(70)), events.stream().map(Event::at).toList());
        assertEquals("DE", events.get(1).actorCountry());
        assertEquals("FR (olivier) commented: callback domain blocked", events.get(2).text());
    }

    @Test
    void shouldTellNothingForNoCopies() {
        assertEquals(List.of(), CaseTimeline.derive(List.of()));
    }

    /**
     * Sovereignty: whatever the copies, the timeline names no country and no signal that no copy named,
     * in its fields or its words, and dates nothing outside the times the copies state.
     */
    @Property(tries = 300)
    void shouldNeverNameACountryOrSignalAbsentFromTheCopies(@ForAll("histories") List<EmergencyCase> copies) {
        Set<String> countries = new HashSet<>();
        Set<String> signals = new HashSet<>();
        Set<Instant> times = new HashSet<>();
        for (EmergencyCase c : copies) {
            countries.addAll(c.getInvolvedCountries());
            signals.addAll(c.getSignalIds());
            c.getAcknowledgements().forEach(a -> { countries.add(a.getCountry()); times.add(a.getAt()); });
            c.getActions().forEach(a -> {
                countries.add(a.getProposedByCountry());
                times.add(a.getProposedAt());
                if (a.getDecidedAt() != null) {
                    times.add(a.getDecidedAt());
                }
                a.getVotes().forEach(v -> { countries.add(v.getCountry()); times.add(v.getAt()); });
            });
            c.getComments().forEach(n -> { countries.add(n.getCountry()); times.add(n.getAt()); });
            times.add(c.getOpenedAt());
            times.add(c.getUpdatedAt());
        }
        for (Event e : CaseTimeline.derive(copies)) {
            assertTrue(countries.containsAll(e.countries()), e.toString());
            assertTrue(signals.containsAll(e.signals()), e.toString());
            assertTrue(e.actorCountry() == null || countries.contains(e.actorCountry()), e.toString());
            assertTrue(times.contains(e.at()), e.toString());
            for (String country : POOL) {
                assertTrue(countries.contains(country) || !e.text().contains(country), country + " in " + e.text());
            }
            for (String signal : SIGNALS) {
                assertTrue(signals.contains(signal) || !e.text().contains(signal), signal + " in " + e.text());
            }
        }
    }

    // country codes with a Q, which no tier, state, action type or word of the timeline contains
    static final List<String> POOL = List.of("QA", "QB", "QC", "QD", "QE", "QF", "QG", "QH");
    static final List<String> SIGNALS = IntStream.range(0, 8).mapToObj(i -> "sig-" + i + "-x").toList();

    @Provide
    Arbitrary<List<EmergencyCase>> histories() {
        return snapshot().list().ofMinSize(1).ofMaxSize(6).map(CaseTimelineTest::sequence);
    }

    Arbitrary<EmergencyCase> snapshot() {
        Arbitrary<List<String>> countries = Arbitraries.of(POOL).set().ofMaxSize(5).map(ArrayList::new);
        Arbitrary<List<String>> signals = Arbitraries.of(SIGNALS).set().ofMaxSize(5).map(ArrayList::new);
        Arbitrary<Tier> tier = Arbitraries.of(Tier.class);
        Arbitrary<CaseState> state = Arbitraries.of(CaseState.class);
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 3);
        return Combinators.combine(countries, signals, tier, state, small, small, countries, Arbitraries.integers().between(0, 120))
                .as((named, ids, t, s, unnamed, level, actors, minutes) -> {
                    Instant at = T0.plusSeconds(60L * minutes);
                    List<Acknowledgement> acks = actors.stream().map(c -> new Acknowledgement(c, "officer-" + c.toLowerCase(), at)).toList();
                    List<JointAction> actions = actors.isEmpty() ? List.of() : List.of(action(at, unnamed % 2 == 0
                            ? ActionState.PROPOSED : ActionState.PASSED, unnamed % 2 == 0 ? null : at,
                            actors.stream().map(c -> new Vote(c, "officer", VoteChoice.NO, at)).toList()));
                    return copy(0, at, t, s).setInvolvedCountries(named).setSignalIds(ids).setInvolvedCount(named.size() + unnamed)
                            .setUnnamedSignalCount(unnamed).setEscalationLevel(level).setAcknowledgements(acks).setActions(actions)
                            .setComments(actors.stream().map(c -> new CaseComment(c, "officer", "seen", at)).toList())
                            .setObligations(List.of(Obligation.newBuilder().setId("o").setDescription("report")
                                    .setDueAt(at).setState(ObligationState.values()[level]).build()))
                            .setResolution(s == CaseState.RESOLVED ? "closed" : null).build();
                });
    }

    /** Orders drawn snapshots as copies of one case: rising sequence and update times, one opening time. */
    static List<EmergencyCase> sequence(List<EmergencyCase> drawn) {
        List<EmergencyCase> copies = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            copies.add(EmergencyCase.newBuilder(drawn.get(i)).setLastSequence(i + 1L)
                    .setUpdatedAt(T0.plusSeconds(10_000L + i)).setOpenedAt(i == 0 && drawn.size() % 2 == 0 ? T0.plusSeconds(10_000L) : T0)
                    .build());
        }
        return copies;
    }

    static EmergencyCase.Builder copy(long sequence, Instant updatedAt, Tier tier, CaseState state) {
        return EmergencyCase.newBuilder().setCaseId("case-1").setCorrelationKey("k").setTier(tier).setState(state)
                .setOpenedAt(T0).setUpdatedAt(updatedAt).setLastSequence(sequence).setCopyFor("FR");
    }

    static JointAction action(Instant proposedAt, ActionState state, Instant decidedAt, List<Vote> votes) {
        return JointAction.newBuilder().setActionId("a1").setType(ActionType.HALT_DEPLOYMENT).setProposedByCountry(
                votes.isEmpty() ? "FR" : votes.get(0).getCountry()).setProposedBy("olivier").setQuorum(0.5)
                .setState(state).setDecidedAt(decidedAt).setVotes(votes).setProposedAt(proposedAt).build();
    }
}
