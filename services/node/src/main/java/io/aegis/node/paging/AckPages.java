package io.aegis.node.paging;

import io.aegis.kafka.text.Html;
import io.aegis.schema.response.EmergencyCase;

/**
 * The small HTML pages of acknowledgement links: self-contained (inline style, no script, no
 * external asset), readable on a phone. The confirmation page's button POSTs to the page's own
 * URL; nothing on these pages repeats the token.
 */
final class AckPages {

    private AckPages() {
    }

    static String render(Acknowledgements.Outcome outcome, String consoleUrl) {
        if (outcome instanceof Acknowledgements.Ready ready) {
            return page("Acknowledge case " + ready.link().caseId(), summary(ready.link(), ready.copy())
                    + "<form method=\"post\" action=\"\"><button type=\"submit\" data-test=\"ack-confirm\">Acknowledge as "
                    + Html.escape(ready.link().officerId()) + "</button></form>"
                    + "<p class=\"small\">Nothing is sent until you press the button. The link works once.</p>");
        }
        if (outcome instanceof Acknowledgements.Done done) {
            return page("Case " + done.link().caseId() + " acknowledged",
                    "<p data-test=\"ack-done\">Acknowledged for " + Html.escape(done.link().country()) + " as "
                            + Html.escape(done.link().officerId()) + " at " + Html.escape(Acknowledgements.UTC.format(done.command().getIssuedAt()))
                            + ". The coordination centre records it in the case.</p>"
                            + "<p><a href=\"" + Html.escape(caseUrl(consoleUrl, done.link().caseId())) + "\">Open the case in the console</a></p>");
        }
        Acknowledgements.Refused refused = (Acknowledgements.Refused) outcome;
        return page(refused.heading(), "<p data-test=\"ack-refused\">" + Html.escape(refused.message()) + "</p>"
                + "<p><a href=\"" + Html.escape(consoleUrl + "/console/") + "\">Open the console</a></p>");
    }

    private static String caseUrl(String consoleUrl, String caseId) {
        return consoleUrl + "/console/#case/" + caseId;
    }

    private static String summary(AckLink link, EmergencyCase copy) {
        StringBuilder html = new StringBuilder("<dl>");
        row(html, "Case", link.caseId());
        if (!copy.getTitle().isBlank()) {
            row(html, "Title", copy.getTitle());
        }
        row(html, "Tier", copy.getTier().name());
        row(html, "State", copy.getState().name());
        row(html, "Asked of you", "acknowledge the case for " + link.country());
        if (copy.getAckDeadline() != null) {
            row(html, "Deadline", Acknowledgements.UTC.format(copy.getAckDeadline()));
        }
        row(html, "Officer", link.officerId());
        row(html, "Link expires", Acknowledgements.UTC.format(link.expiresAt()));
        return html.append("</dl>").toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(Html.escape(value)).append("</dd>");
    }

    private static String page(String heading, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + Html.escape(heading)
                + " · Aegis</title><style>body{font-family:sans-serif;margin:1.5em auto;max-width:36em;padding:0 1em;"
                + "line-height:1.4;color:#111;overflow-wrap:anywhere}dt{font-weight:bold}dd{margin:0 0 .5em}button{font-size:1.1em;padding:.6em 1.2em;"
                + "background:#0b5;color:#fff;border:0;border-radius:4px}button:focus{outline:3px solid #036}.small{font-size:.9em;"
                + "color:#444}</style></head><body><h1 data-test=\"ack-heading\">" + Html.escape(heading) + "</h1>" + body
                + "</body></html>";
    }
}
