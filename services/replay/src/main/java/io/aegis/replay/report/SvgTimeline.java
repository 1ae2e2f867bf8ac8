package io.aegis.replay.report;

import io.aegis.replay.timeline.EventKind;
import io.aegis.replay.timeline.TimelineEvent;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a timeline as inline SVG: one lane per event kind, one dot per event with its summary as
 * a tooltip, and a time axis spanning the events. No scripts and no external assets.
 */
final class SvgTimeline {

    private static final int WIDTH = 1100;
    private static final int LEFT = 120;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int LANE = 30;
    private static final int TICKS = 6;
    private static final Map<EventKind, String> COLOURS = new EnumMap<>(Map.of(
            EventKind.SIGNAL, "#1f77b4", EventKind.RETRACTION, "#7f7f7f", EventKind.ROUTING, "#17becf",
            EventKind.DELIVERY, "#2ca02c", EventKind.RECEIPT, "#98df8a", EventKind.COORDINATION, "#9467bd",
            EventKind.ESCALATION, "#d62728", EventKind.CASE, "#ff7f0e", EventKind.NOTIFICATION, "#e377c2",
            EventKind.COMMAND, "#8c564b"));

    private SvgTimeline() {
    }

    static String render(List<TimelineEvent> events) {
        List<EventKind> lanes = events.stream().map(TimelineEvent::kind).distinct().sorted().toList();
        int height = TOP + LANE * Math.max(1, lanes.size()) + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"timeline\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\">\n");
        if (events.isEmpty()) {
            svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(TOP + 20).append("\">no events</text>\n</svg>\n");
            return svg.toString();
        }
        long start = events.stream().map(TimelineEvent::at).min(Instant::compareTo).orElseThrow().toEpochMilli();
        long end = events.stream().map(TimelineEvent::at).max(Instant::compareTo).orElseThrow().toEpochMilli();
        long span = Math.max(1, end - start);
        for (int lane = 0; lane < lanes.size(); lane++) {
            int y = TOP + lane * LANE + LANE / 2;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#ddd\"/>\n");
            svg.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\" font-size=\"12\">").append(lanes.get(lane)).append("</text>\n");
        }
        axis(svg, start, span, TOP + lanes.size() * LANE);
        for (TimelineEvent event : events) {
            double x = LEFT + (double) (event.at().toEpochMilli() - start) * (WIDTH - LEFT - RIGHT) / span;
            int y = TOP + lanes.indexOf(event.kind()) * LANE + LANE / 2;
            svg.append(String.format(java.util.Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\">", x, y,
                    COLOURS.get(event.kind())));
            svg.append("<title>").append(Text.html(Text.time(event.at()) + " " + event.summary())).append("</title></circle>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void axis(StringBuilder svg, long start, long span, int y) {
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                .append("\" y2=\"").append(y).append("\" stroke=\"#333\"/>\n");
        for (int tick = 0; tick <= TICKS; tick++) {
            int x = LEFT + tick * (WIDTH - LEFT - RIGHT) / TICKS;
            Instant at = Instant.ofEpochMilli(start + span * tick / TICKS);
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y + 5).append("\" stroke=\"#333\"/>\n");
            svg.append("<text x=\"").append(x).append("\" y=\"").append(y + 18)
                    .append("\" text-anchor=\"middle\" font-size=\"10\">").append(Text.time(at).substring(5))
                    .append("</text>\n");
        }
    }
}
