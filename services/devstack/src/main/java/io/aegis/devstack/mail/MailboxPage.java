package io.aegis.devstack.mail;

import io.aegis.kafka.text.Html;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The mailbox page: every captured message, newest first, with its plain text and its links made
 * clickable. Self-contained (inline style, no script, no external asset); every value from a
 * message is HTML-escaped, so a message cannot inject markup into the page.
 */
final class MailboxPage {

    private MailboxPage() {
    }

    static String render(List<CapturedMail> mails) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="refresh" content="15">
                <title>Aegis devstack mailbox</title>
                <style>
                body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1f24}
                article{border:1px solid #c9d1d9;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
                h2{font-size:1.05rem;margin:.2rem 0}
                .meta{color:#57606a;font-size:.85rem}
                pre{white-space:pre-wrap;word-break:break-word;font:inherit;margin:.5rem 0 0}
                a{color:#0a58ca}
                </style></head><body>
                <h1>Aegis devstack mailbox</h1>
                <p class="meta">Every message the nodes sent to their duty officers, captured by the devstack's own SMTP
                server and never delivered anywhere else. Newest first; the page refreshes every 15 s.</p>
                """);
        if (mails.isEmpty()) {
            html.append("<p id=\"empty\">No mail yet.</p>\n");
        }
        for (int i = mails.size() - 1; i >= 0; i--) {
            CapturedMail mail = mails.get(i);
            html.append("<article class=\"mail\" id=\"mail-").append(mail.id()).append("\">\n<h2>")
                    .append(Html.escape(mail.subject())).append("</h2>\n<p class=\"meta\">To ")
                    .append(Html.escape(String.join(", ", mail.to()))).append(" · from ").append(Html.escape(mail.from()))
                    .append(" · ").append(Html.escape(mail.receivedAt().toString())).append("</p>\n<pre>")
                    .append(linked(mail.text())).append("</pre>\n</article>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** The text escaped, with each http(s) link an anchor to itself. */
    static String linked(String text) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = CapturedMail.LINK.matcher(text);
        int last = 0;
        while (matcher.find()) {
            out.append(Html.escape(text.substring(last, matcher.start())));
            String link = Html.escape(matcher.group());
            out.append("<a href=\"").append(link).append("\">").append(link).append("</a>");
            last = matcher.end();
        }
        return out.append(Html.escape(text.substring(last))).toString();
    }
}
