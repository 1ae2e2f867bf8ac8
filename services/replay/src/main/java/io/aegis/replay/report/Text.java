package io.aegis.replay.report;

import io.aegis.kafka.text.Html;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Escaping and formatting shared by the renderers. */
final class Text {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    static String html(String text) {
        return Html.escape(text);
    }

    /** A Markdown table cell: pipes and line breaks would break the table. */
    static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String seconds(long seconds) {
        if (seconds < 0) {
            return "—";
        }
        return seconds >= 3600 ? String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format("%dm %02ds", seconds / 60, seconds % 60);
    }
}
