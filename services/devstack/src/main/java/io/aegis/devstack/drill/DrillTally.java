package io.aegis.devstack.drill;

import io.aegis.devstack.drill.DrillRecord.Copy;
import io.aegis.devstack.drill.DrillRecord.Sent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts a drill run, phase by phase, from what it recorded: a pure function, so every rule below is
 * unit-tested. Rules: a signal belongs to the phase it was offered in; an accepted (202) signal is
 * expected once in the inbox of each recipient its origin's policy delivers to at once; a recipient
 * with no copy is a loss, every copy beyond the first in one inbox is a duplicate, a copy in an inbox
 * outside the expected ones is a leak; copies of signals whose call did not end in a 202 are counted
 * apart (the node may have written them before the call failed), never as losses. Escalations and
 * notifications count by record time within the phase's window, from its start to the next one's.
 */
public final class DrillTally {

    /** How many findings of each kind a row names; the counts are always complete. */
    static final int NAMED = 5;

    private DrillTally() {
    }

    /**
     * One phase's counts.
     *
     * @param delivered per inbox, the distinct accepted signals of the phase with a copy there
     * @param expected  per inbox, the accepted signals of the phase expected there
     * @param unacked   distinct signals of the phase delivered somewhere although their call got no 202
     * @param findings  the first losses, duplicates and leaks, each naming signal and inbox
     */
    public record Row(String phase, int offered, int accepted, Map<String, Integer> delivered,
                      Map<String, Integer> expected, int duplicates, int lost, int leaked, int unacked,
                      int escalations, int notifications, List<String> findings) {

        /** True when the phase lost, duplicated or leaked nothing. */
        public boolean clean() {
            return duplicates == 0 && lost == 0 && leaked == 0;
        }
    }

    /**
     * Counts every phase.
     *
     * @param phases    phase names, in order (the index is the phase number of {@link Sent} and {@link Copy})
     * @param recipients per origin, the inboxes a drill signal of that origin is delivered to at once
     * @param inboxes   the inboxes to report, in column order
     */
    public static List<Row> count(List<String> phases, Map<String, Set<String>> recipients, List<String> inboxes,
                                  DrillRecord record) {
        if (record.phaseStarts().size() != phases.size()) {
            throw new IllegalArgumentException("one start per phase is needed: " + phases.size() + " phases, "
                    + record.phaseStarts().size() + " starts");
        }
        Map<String, Map<String, List<Copy>>> copies = record.copies().stream().collect(Collectors.groupingBy(
                Copy::token, Collectors.groupingBy(Copy::inbox)));
        List<Row> rows = new ArrayList<>();
        for (int phase = 0; phase < phases.size(); phase++) {
            Instant from = record.phaseStarts().get(phase);
            Instant to = phase + 1 < phases.size() ? record.phaseStarts().get(phase + 1) : record.end();
            rows.add(row(phases.get(phase), phase, recipients, inboxes, record, copies)
                    .withEvents(within(record.escalations(), from, to), within(record.notifications(), from, to)));
        }
        return rows;
    }

    private static Counting row(String name, int phase, Map<String, Set<String>> recipients, List<String> inboxes,
                                DrillRecord record, Map<String, Map<String, List<Copy>>> copies) {
        Counting c = new Counting(name, inboxes);
        for (Sent sent : record.sent()) {
            if (sent.phase() != phase) {
                continue;
            }
            c.offered++;
            Map<String, List<Copy>> found = copies.getOrDefault(sent.token(), Map.of());
            if (!sent.accepted()) {
                c.unacked += found.isEmpty() ? 0 : 1;
                continue;
            }
            c.accepted++;
            Set<String> expected = recipients.getOrDefault(sent.origin(), Set.of());
            expected.forEach(inbox -> c.expected.merge(inbox, 1, Integer::sum));
            for (String inbox : expected) {
                List<Copy> here = found.getOrDefault(inbox, List.of());
                if (here.isEmpty()) {
                    c.lost++;
                    c.name("lost " + sent.token() + " (from " + sent.origin() + ") in inbox " + inbox);
                } else {
                    c.delivered.merge(inbox, 1, Integer::sum);
                }
            }
            found.forEach((inbox, here) -> {
                if (here.size() > 1) {
                    c.duplicates += here.size() - 1;
                    c.name("duplicate " + sent.token() + " x" + here.size() + " in inbox " + inbox + " (ids "
                            + here.stream().map(Copy::signalId).distinct().toList() + ")");
                }
                if (!expected.contains(inbox)) {
                    c.leaked++;
                    c.name("unexpected copy of " + sent.token() + " (from " + sent.origin() + ") in inbox " + inbox);
                }
            });
        }
        return c;
    }

    private static int within(List<Instant> times, Instant from, Instant to) {
        return (int) times.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
    }

    /** The counts of one phase while they are being made. */
    private static final class Counting {
        private final String phase;
        private final Map<String, Integer> delivered = new LinkedHashMap<>();
        private final Map<String, Integer> expected = new TreeMap<>();
        private final List<String> findings = new ArrayList<>();
        private final List<String> inboxes;
        private int offered;
        private int accepted;
        private int duplicates;
        private int lost;
        private int leaked;
        private int unacked;
        private int namedOut;

        Counting(String phase, List<String> inboxes) {
            this.phase = phase;
            this.inboxes = inboxes;
        }

        void name(String finding) {
            if (findings.size() < NAMED) {
                findings.add(finding);
            } else {
                namedOut++;
            }
        }

        Row withEvents(int escalations, int notifications) {
            Map<String, Integer> deliveredByInbox = new LinkedHashMap<>();
            Map<String, Integer> expectedByInbox = new LinkedHashMap<>();
            for (String inbox : inboxes) {
                deliveredByInbox.put(inbox, delivered.getOrDefault(inbox, 0));
                expectedByInbox.put(inbox, expected.getOrDefault(inbox, 0));
            }
            List<String> named = new ArrayList<>(findings);
            if (namedOut > 0) {
                named.add("... and " + namedOut + " more");
            }
            return new Row(phase, offered, accepted, Map.copyOf(deliveredByInbox), Map.copyOf(expectedByInbox),
                    duplicates, lost, leaked, unacked, escalations, notifications, List.copyOf(named));
        }
    }
}
