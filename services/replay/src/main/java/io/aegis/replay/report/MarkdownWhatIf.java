package io.aegis.replay.report;

import io.aegis.replay.whatif.Change;
import io.aegis.replay.whatif.WhatIfReport;

import java.util.List;

/** Renders a what-if comparison as Markdown; also what the CLI prints. */
public final class MarkdownWhatIf {

    private MarkdownWhatIf() {
    }

    public static String render(WhatIfReport report) {
        StringBuilder md = new StringBuilder("# What-if: ").append(report.rules()).append("\n\n");
        md.append("- Range: ").append(Text.time(report.from())).append(" .. ").append(Text.time(report.to())).append('\n');
        md.append("- Compared with: ").append(report.baseline()).append('\n');
        md.append("- Coordination signals replayed: ").append(report.signals()).append('\n');
        md.append("- Escalations: ").append(report.actual()).append(" before, ").append(report.candidate())
                .append(" with the candidate rules; ").append(report.unchanged()).append(" unchanged\n");
        section(md, "Gained", report.gained());
        section(md, "Lost", report.lost());
        section(md, "Earlier", report.earlier());
        section(md, "Later", report.later());
        return md.toString();
    }

    private static void section(StringBuilder md, String title, List<Change> changes) {
        md.append("\n## ").append(title).append(" (").append(changes.size()).append(")\n");
        if (changes.isEmpty()) {
            return;
        }
        md.append("\n| group | tier | before | candidate | shift | rules | signals | case | ack due |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Change change : changes) {
            md.append("| ").append(Text.cell(change.correlationKey())).append(" | ").append(change.tier()).append(" | ")
                    .append(Text.time(change.actualAt())).append(" | ").append(Text.time(change.candidateAt()))
                    .append(" | ").append(change.actualAt() != null && change.candidateAt() != null
                            ? (change.deltaSeconds() < 0 ? "-" : "+") + Text.seconds(Math.abs(change.deltaSeconds())) : "")
                    .append(" | ").append(Text.cell(String.join(", ", change.rules()))).append(" | ")
                    .append(Text.cell(String.join(", ", change.signalIds()))).append(" | ")
                    .append(change.opensCase() ? "opens" : "").append(" | ").append(Text.time(change.ackDueAt()))
                    .append(" |\n");
        }
    }
}
