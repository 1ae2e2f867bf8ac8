package io.aegis.replay.report;

import io.aegis.replay.timeline.AckTime;
import io.aegis.replay.timeline.EventKind;
import io.aegis.replay.timeline.TimelineEvent;
import io.aegis.replay.timeline.TimelineReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final TimelineReport report = new TimelineReport("Case <x>", T0, T0.plusSeconds(3600), Map.of("case", "x"),
            T0.plusSeconds(7200), Map.of("SIGNAL", 1, "CASE", 1),
            List.of(new TimelineEvent(T0, EventKind.SIGNAL, "aegis.outbox.FR/0@0", "s1", null, null, "FR", "fr-agency",
                            null, "FR published \"<script>alert(1)</script>\"", Map.of()),
                    new TimelineEvent(T0.plusSeconds(600), EventKind.CASE, "aegis.case-events/0@0", null, "x", null, "FR",
                            "fr-duty-1", "SEVERE", "ACKNOWLEDGED | done", Map.of())),
            List.of(new AckTime("fr-duty-1", "FR", "SEVERE", 1, 1, 3725, 3725)), List.of(),
            List.of("not read: not authorized to read topic aegis.inbox.DE"));

    @Test
    void shouldEscapeRecordedTextSoReportCannotRunScripts() {
        String html = HtmlTimeline.render(report);

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("<title>Case &lt;x&gt;</title>"));
    }

    @Test
    void shouldDrawOneLanePerKindWithOneDotPerEventAndNoExternalAssets() {
        String html = HtmlTimeline.render(report);

        assertEquals(2, html.split("<circle ", -1).length - 1);
        assertTrue(html.contains(">SIGNAL</text>") && html.contains(">CASE</text>"));
        assertFalse(html.contains("src=") || html.contains("href=") || html.contains("url("));
        assertTrue(html.contains("1h 02m"), "time to acknowledge shown in hours and minutes");
        assertTrue(html.contains("not authorized to read topic aegis.inbox.DE"), "unreadable topics are stated");
    }

    @Test
    void shouldKeepMarkdownTableIntactWhenTextHoldsPipes() {
        String markdown = MarkdownTimeline.render(report);

        assertTrue(markdown.contains("ACKNOWLEDGED \\| done"), markdown);
    }
}
