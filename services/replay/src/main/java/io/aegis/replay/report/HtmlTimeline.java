package io.aegis.replay.report;

import io.aegis.replay.timeline.AckTime;
import io.aegis.replay.timeline.Delivery;
import io.aegis.replay.timeline.TimelineEvent;
import io.aegis.replay.timeline.TimelineReport;

import java.util.List;

/**
 * Renders a timeline report as one self-contained HTML page: inline CSS, an inline SVG chart,
 * and tables for events, time-to-acknowledge and deliveries. References no external asset, so
 * the file can be attached to an investigation record as is. All recorded text is escaped.
 */
public final class HtmlTimeline {

    static final String STYLE = "body{font-family:system-ui,sans-serif;margin:24px;color:#222}"
            + "table{border-collapse:collapse;margin:8px 0 24px;font-size:13px}"
            + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
            + "th{background:#f3f3f3}.note{color:#a33}.muted{color:#777;font-size:12px}";

    private HtmlTimeline() {
    }

    public static String render(TimelineReport report) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Text.html(report.title())).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>").append(Text.html(report.title())).append("</h1>\n<p class=\"muted\">Range ")
                .append(Text.time(report.from())).append(" .. ").append(Text.time(report.to()))
                .append(" · generated ").append(Text.time(report.generatedAt()));
        report.filters().forEach((key, value) -> html.append(" · ").append(Text.html(key)).append(": ").append(Text.html(value)));
        html.append("</p>\n");
        report.notes().forEach(note -> html.append("<p class=\"note\">").append(Text.html(note)).append("</p>\n"));
        html.append("<h2>Timeline</h2>\n").append(SvgTimeline.render(report.events()));
        events(html, report.events());
        ackTimes(html, report.ackTimes());
        deliveries(html, report.deliveries());
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void events(StringBuilder html, List<TimelineEvent> events) {
        html.append("<h2>Events (").append(events.size()).append(")</h2>\n");
        table(html, "time", "kind", "country", "actor", "tier", "what", "evidence");
        for (TimelineEvent event : events) {
            row(html, Text.time(event.at()), event.kind().name(), event.country(), event.actor(), event.tier(),
                    event.summary(), event.source());
        }
        html.append("</table>\n");
    }

    private static void ackTimes(StringBuilder html, List<AckTime> ackTimes) {
        html.append("<h2>Time to acknowledge</h2>\n");
        table(html, "officer", "country", "tier", "requests", "acknowledged", "mean", "max");
        for (AckTime ack : ackTimes) {
            row(html, ack.officerId(), ack.country(), ack.tier(), Integer.toString(ack.requests()),
                    Integer.toString(ack.acknowledged()), Text.seconds(ack.meanSeconds()), Text.seconds(ack.maxSeconds()));
        }
        html.append("</table>\n");
    }

    private static void deliveries(StringBuilder html, List<Delivery> deliveries) {
        html.append("<h2>Who received what and why</h2>\n");
        table(html, "signal", "from", "to", "outcome", "policy", "rules", "reason", "redacted", "delivered", "receipt");
        for (Delivery delivery : deliveries) {
            row(html, delivery.signalId(), delivery.origin(), delivery.destination(), delivery.outcome(),
                    "v" + delivery.policyVersion(), String.join(", ", delivery.ruleIds()), delivery.reason(),
                    String.join(", ", delivery.redactedFields()), Text.time(delivery.deliveredAt()),
                    Text.time(delivery.receiptAt()));
        }
        html.append("</table>\n");
    }

    static void table(StringBuilder html, String... headings) {
        html.append("<table><tr>");
        for (String heading : headings) {
            html.append("<th>").append(Text.html(heading)).append("</th>");
        }
        html.append("</tr>\n");
    }

    static void row(StringBuilder html, String... cells) {
        html.append("<tr>");
        for (String cell : cells) {
            html.append("<td>").append(Text.html(cell)).append("</td>");
        }
        html.append("</tr>\n");
    }
}
