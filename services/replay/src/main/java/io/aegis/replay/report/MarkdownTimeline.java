package io.aegis.replay.report;

import io.aegis.replay.timeline.AckTime;
import io.aegis.replay.timeline.Delivery;
import io.aegis.replay.timeline.TimelineEvent;
import io.aegis.replay.timeline.TimelineReport;

/** Renders a timeline report as Markdown: the same sections and rows as the HTML report. */
public final class MarkdownTimeline {

    private MarkdownTimeline() {
    }

    public static String render(TimelineReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(report.title()).append("\n\n");
        md.append("- Range: ").append(Text.time(report.from())).append(" .. ").append(Text.time(report.to())).append('\n');
        report.filters().forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        md.append("- Generated: ").append(Text.time(report.generatedAt())).append('\n');
        report.counts().forEach((kind, count) -> md.append("- ").append(kind).append(": ").append(count).append('\n'));
        if (!report.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            report.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        }
        md.append("\n## Events\n\n| time | kind | country | actor | tier | what | evidence |\n|---|---|---|---|---|---|---|\n");
        for (TimelineEvent event : report.events()) {
            md.append("| ").append(Text.time(event.at())).append(" | ").append(event.kind())
                    .append(" | ").append(Text.cell(event.country())).append(" | ").append(Text.cell(event.actor()))
                    .append(" | ").append(Text.cell(event.tier())).append(" | ").append(Text.cell(event.summary()))
                    .append(" | ").append(Text.cell(event.source())).append(" |\n");
        }
        md.append("\n## Time to acknowledge\n\n| officer | country | tier | requests | acknowledged | mean | max |\n|---|---|---|---|---|---|---|\n");
        for (AckTime ack : report.ackTimes()) {
            md.append("| ").append(Text.cell(ack.officerId())).append(" | ").append(ack.country()).append(" | ")
                    .append(ack.tier()).append(" | ").append(ack.requests()).append(" | ").append(ack.acknowledged())
                    .append(" | ").append(Text.seconds(ack.meanSeconds())).append(" | ")
                    .append(Text.seconds(ack.maxSeconds())).append(" |\n");
        }
        md.append("\n## Who received what and why\n\n| signal | from | to | outcome | policy | rules | reason | redacted | delivered | receipt |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Delivery delivery : report.deliveries()) {
            md.append("| ").append(delivery.signalId()).append(" | ").append(delivery.origin()).append(" | ")
                    .append(delivery.destination()).append(" | ").append(delivery.outcome()).append(" | v")
                    .append(delivery.policyVersion()).append(" | ").append(Text.cell(String.join(", ", delivery.ruleIds())))
                    .append(" | ").append(Text.cell(delivery.reason())).append(" | ")
                    .append(Text.cell(String.join(", ", delivery.redactedFields()))).append(" | ")
                    .append(Text.time(delivery.deliveredAt())).append(" | ").append(Text.time(delivery.receiptAt()))
                    .append(" |\n");
        }
        return md.toString();
    }
}
