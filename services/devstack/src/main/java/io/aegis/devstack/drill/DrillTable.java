package io.aegis.devstack.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a drill's counts: one row per phase (accepted of offered, per inbox delivered of expected,
 * duplicates, losses, leaks, escalations and notifications in the phase's window), then every
 * finding by name and the verdict. Invariant: the verdict is PASSED only when no row lost,
 * duplicated or leaked anything.
 */
public final class DrillTable {

    private DrillTable() {
    }

    /** The table, findings and verdict as text lines. */
    public static List<String> render(List<DrillTally.Row> rows, List<String> inboxes) {
        int nameWidth = Math.max(5, rows.stream().mapToInt(r -> r.phase().length()).max().orElse(5));
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s  %9s", "phase",
                "accepted"));
        for (String inbox : inboxes) {
            header.append(String.format(Locale.ROOT, "  %9s", "->" + inbox));
        }
        header.append(String.format(Locale.ROOT, "  %4s  %4s  %6s  %7s  %4s  %5s", "dup", "lost", "leaked", "unacked",
                "esc", "notif"));
        lines.add(header.toString());
        for (DrillTally.Row row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s  %9s", row.phase(),
                    row.accepted() + "/" + row.offered()));
            for (String inbox : inboxes) {
                line.append(String.format(Locale.ROOT, "  %9s", row.delivered().get(inbox) + "/"
                        + row.expected().get(inbox)));
            }
            line.append(String.format(Locale.ROOT, "  %4d  %4d  %6d  %7d  %4d  %5d", row.duplicates(), row.lost(),
                    row.leaked(), row.unacked(), row.escalations(), row.notifications()));
            lines.add(line.toString());
        }
        for (DrillTally.Row row : rows) {
            row.findings().forEach(f -> lines.add("  " + row.phase() + ": " + f));
        }
        lines.add(passed(rows) ? "PASSED: no signal lost, duplicated or delivered where its policy does not send it."
                : "FAILED: " + rows.stream().filter(r -> !r.clean()).map(r -> r.phase() + " (" + r.lost() + " lost, "
                        + r.duplicates() + " duplicated, " + r.leaked() + " leaked)").reduce((a, b) -> a + "; " + b)
                        .orElse(""));
        return lines;
    }

    /** True when no phase lost, duplicated or leaked a signal. */
    public static boolean passed(List<DrillTally.Row> rows) {
        return rows.stream().allMatch(DrillTally.Row::clean);
    }
}
