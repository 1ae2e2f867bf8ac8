package io.aegis.registry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.domain.LogEntry.SchemaClaim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;

/**
 * The id-allocation protocol under arbitrary interleavings: two instances, each claiming from
 * its own possibly stale view of one shared log, must end up agreeing with each other and with a
 * fresh replay (a restart), with no id naming two schemas and no gaps in version numbers.
 */
class ClaimResolutionTest {

    /** Either "instance catches up by {@code steps} log entries" or "instance registers a schema". */
    record Op(int instance, boolean sync, int steps, int subject, int schema) {
    }

    private static final class Instance {
        final RegistryState state = new RegistryState(CompatibilityLevel.NONE);
        int applied;

        void catchUp(List<LogEntry> log, int steps) {
            int target = Math.min(log.size(), applied + steps);
            while (applied < target) {
                state.apply(log.get(applied++));
            }
        }

        SchemaClaim claim(String subject, String canonical) {
            int id = state.idOf(canonical).orElseGet(state::nextId);
            return new SchemaClaim(UUID.randomUUID().toString(), subject, state.highestVersion(subject) + 1, id, canonical);
        }
    }

    @Property(tries = 300)
    void instancesAgreeOnIdsAndNeverCollide(@ForAll("operations") List<Op> operations) {
        // given two instances sharing one log
        List<LogEntry> log = new ArrayList<>();
        List<Instance> instances = List.of(new Instance(), new Instance());

        // when they interleave stale claims and partial catch-ups
        for (Op op : operations) {
            Instance instance = instances.get(op.instance());
            if (op.sync()) {
                instance.catchUp(log, op.steps());
            } else {
                log.add(instance.claim("subject-" + op.subject(), schema(op.schema())));
            }
        }
        instances.forEach(i -> i.catchUp(log, log.size()));
        RegistryState replayed = new RegistryState(CompatibilityLevel.NONE);
        List<SchemaClaim> accepted = log.stream().map(SchemaClaim.class::cast)
                .filter(claim -> replayed.apply(claim).accepted()).toList();

        // then all views are identical, and the accepted claims bind ids and versions without conflict
        assertEquals(snapshot(instances.get(0).state), snapshot(instances.get(1).state));
        assertEquals(snapshot(instances.get(0).state), snapshot(replayed));
        assertClaimsConsistent(accepted);
        assertStateShowsAcceptedClaims(replayed, accepted);
    }

    private static void assertClaimsConsistent(List<SchemaClaim> accepted) {
        Map<Integer, String> schemaOfId = new HashMap<>();
        Map<String, Integer> idOfSchema = new HashMap<>();
        Map<String, Integer> lastVersion = new HashMap<>();
        for (SchemaClaim claim : accepted) {
            String previousSchema = schemaOfId.putIfAbsent(claim.id(), claim.schema());
            Integer previousId = idOfSchema.putIfAbsent(claim.schema(), claim.id());
            assertTrue(previousSchema == null || previousSchema.equals(claim.schema()), "id " + claim.id() + " names two schemas");
            assertTrue(previousId == null || previousId == claim.id(), "a schema got two ids");
            int expected = lastVersion.getOrDefault(claim.subject(), 0) + 1;
            assertEquals(expected, claim.version(), "versions of " + claim.subject() + " have a gap or repeat");
            lastVersion.put(claim.subject(), claim.version());
        }
    }

    private static void assertStateShowsAcceptedClaims(RegistryState state, List<SchemaClaim> accepted) {
        for (SchemaClaim claim : accepted) {
            SubjectVersion shown = state.versions(claim.subject(), true).get(claim.version() - 1);
            assertEquals(claim.id(), shown.id());
            assertEquals(claim.schema(), shown.schema());
        }
    }

    private static Map<String, List<SubjectVersion>> snapshot(RegistryState state) {
        Map<String, List<SubjectVersion>> snapshot = new HashMap<>();
        state.subjects(true).forEach(subject -> snapshot.put(subject, state.versions(subject, true)));
        return snapshot;
    }

    private static String schema(int index) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R" + index
                + "\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}").toString();
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 1),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 5)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }
}
