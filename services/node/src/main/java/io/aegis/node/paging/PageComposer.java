package io.aegis.node.paging;

import io.aegis.kafka.text.Html;
import io.aegis.node.domain.CaseCommandParser;
import io.aegis.schema.response.Notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the e-mail of one notification: a subject with tier, kind and what the case is about, and
 * the same text as plain text and as self-contained HTML (inline styles, no images, scripts or
 * external assets), with the ask, the deadline in UTC, a link to the case in the console and,
 * when the notification asks for it, a one-time acknowledgement link. Invariant: it says nothing
 * the node does not hold: the notification as the coordination centre wrote it for this country,
 * and what the case is about as this node's own copies show it ({@code CaseAbout}).
 */
final class PageComposer {

    static final int MAX_SUBJECT = 200;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final AckLinks links;

    PageComposer(AckLinks links) {
        this.links = links;
    }

    /**
     * The page for a notification.
     *
     * @param about the case's {@code {"campaigns": [...], "systems": [...]}} as this node holds it, or null
     * @param now   when it is composed: a link already expired is left out
     */
    Page compose(Notification notification, Map<String, Object> about, Instant now) {
        Optional<AckLinks.Issued> ack = links.issue(notification).filter(issued -> issued.link().expiresAt().isAfter(now));
        Optional<String> caseUrl = Optional.ofNullable(notification.getCaseId()).filter(id -> !id.isBlank())
                .map(id -> links.caseUrl(fragment(id)));
        String aboutText = about(about);
        List<String[]> facts = facts(notification, aboutText);
        String expired = AckLinks.asksAcknowledgement(notification) && ack.isEmpty()
                ? "The acknowledgement link expired at " + UTC.format(links.expiry(notification))
                + "; acknowledge the case in the console." : null;
        return new Page(notification.getNotificationId(), notification.getOfficerId(), subject(notification, aboutText),
                text(notification, facts, caseUrl, ack, expired), html(notification, facts, caseUrl, ack, expired),
                ack.map(AckLinks.Issued::link));
    }

    private static String fragment(String caseId) {
        return CaseCommandParser.CASE_ID.matcher(caseId).matches() ? caseId : URLEncoder.encode(caseId, StandardCharsets.UTF_8);
    }

    /** "campaigns: a, b; systems: p/m", or "" when the node holds nothing of the case's signals. */
    static String about(Map<String, Object> about) {
        if (about == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (about.get("campaigns") instanceof List<?> campaigns && !campaigns.isEmpty()) {
            parts.add("campaigns: " + String.join(", ", campaigns.stream().map(String::valueOf).toList()));
        }
        if (about.get("systems") instanceof List<?> systems && !systems.isEmpty()) {
            parts.add("systems: " + String.join(", ", systems.stream().map(String::valueOf).toList()));
        }
        return String.join("; ", parts);
    }

    static String kind(Notification notification) {
        return notification.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "Aegis FR · SEVERE · case opened · campaigns: x (case c-1)", on one line, at most 200 characters. */
    static String subject(Notification notification, String about) {
        String what = about.isEmpty() ? notification.getTitle().replaceFirst("^\\[[A-Z]+\\]\\s*", "") : about;
        String subject = "Aegis " + notification.getCountry() + " · " + notification.getTier() + " · " + kind(notification)
                + " · " + what + (notification.getCaseId() == null ? "" : " (case " + notification.getCaseId() + ")");
        String line = subject.replaceAll("[\\p{Cntrl}]+", " ").trim();
        return line.length() <= MAX_SUBJECT ? line : line.substring(0, MAX_SUBJECT - 1) + "…";
    }

    private static List<String[]> facts(Notification notification, String about) {
        List<String[]> facts = new ArrayList<>();
        if (!notification.getAsk().isBlank()) {
            facts.add(new String[] {"Asked of you", notification.getAsk()});
        }
        if (notification.getDeadline() != null) {
            facts.add(new String[] {"Deadline", UTC.format(notification.getDeadline())});
        }
        facts.add(new String[] {"Tier", notification.getTier().name()});
        facts.add(new String[] {"Kind", kind(notification)});
        if (notification.getCaseId() != null) {
            facts.add(new String[] {"Case", notification.getCaseId()});
        }
        if (!about.isEmpty()) {
            facts.add(new String[] {"About", about});
        }
        facts.add(new String[] {"You are", notification.getOfficerId() + " (" + level(notification.getEscalationLevel()) + ")"});
        return facts;
    }

    private static String level(int level) {
        return switch (level) {
            case 0 -> "primary";
            case 1 -> "backup";
            default -> "roster level " + level;
        };
    }

    private static String ackNote(AckLink link) {
        return "This link acknowledges case " + link.caseId() + " for " + link.country() + " as " + link.officerId()
                + ". It works once, asks you to confirm before anything is sent, and expires at "
                + UTC.format(link.expiresAt()) + ". Do not forward it.";
    }

    private static String text(Notification notification, List<String[]> facts, Optional<String> caseUrl,
                               Optional<AckLinks.Issued> ack, String expired) {
        StringBuilder text = new StringBuilder();
        text.append(notification.getTitle()).append("\n\n").append(notification.getMessage()).append("\n\n");
        for (String[] fact : facts) {
            text.append(fact[0]).append(": ").append(fact[1]).append('\n');
        }
        caseUrl.ifPresent(url -> text.append("\nOpen the case in the console:\n").append(url).append('\n'));
        ack.ifPresent(issued -> text.append("\nAcknowledge the case:\n").append(issued.url()).append('\n')
                .append(ackNote(issued.link())).append('\n'));
        if (expired != null) {
            text.append('\n').append(expired).append('\n');
        }
        text.append("\n-- \nAegis node ").append(notification.getCountry()).append(", notification ")
                .append(notification.getNotificationId()).append('\n');
        return text.toString();
    }

    private static String html(Notification notification, List<String[]> facts, Optional<String> caseUrl,
                               Optional<AckLinks.Issued> ack, String expired) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(notification.getTitle())).append("</title></head>")
                .append("<body style=\"font-family:sans-serif;line-height:1.4;color:#111;max-width:40em\">")
                .append("<h1 style=\"font-size:1.2em\">").append(Html.escape(notification.getTitle())).append("</h1>")
                .append("<p>").append(Html.escape(notification.getMessage())).append("</p><table style=\"border-collapse:collapse\">");
        for (String[] fact : facts) {
            html.append("<tr><th style=\"text-align:left;padding:2px 1em 2px 0;vertical-align:top\">").append(Html.escape(fact[0]))
                    .append("</th><td>").append(Html.escape(fact[1])).append("</td></tr>");
        }
        html.append("</table>");
        caseUrl.ifPresent(url -> html.append("<p><a href=\"").append(Html.escape(url)).append("\">Open the case in the console</a></p>"));
        ack.ifPresent(issued -> html.append("<p><a href=\"").append(Html.escape(issued.url()))
                .append("\" style=\"display:inline-block;padding:.5em 1em;background:#0b5;color:#fff;text-decoration:none;"
                        + "border-radius:4px\">Acknowledge the case</a></p><p style=\"font-size:.9em\">")
                .append(Html.escape(ackNote(issued.link()))).append("</p>"));
        if (expired != null) {
            html.append("<p>").append(Html.escape(expired)).append("</p>");
        }
        html.append("<p style=\"font-size:.8em;color:#555\">Aegis node ").append(Html.escape(notification.getCountry()))
                .append(", notification ").append(Html.escape(notification.getNotificationId())).append("</p></body></html>");
        return html.toString();
    }
}
