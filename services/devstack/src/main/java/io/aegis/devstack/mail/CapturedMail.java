package io.aegis.devstack.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message the mailbox captured, as its page and API show it: the envelope, the plain-text
 * part (the part every mail reader shows; the HTML part is the same message dressed up) and the
 * links in it, in order, each once.
 *
 * @param id         position in the mailbox, from 1, stable while the mailbox runs
 * @param receivedAt when the SMTP server accepted it
 * @param from       the sender's address
 * @param to         the recipients' addresses
 * @param subject    the subject line
 * @param text       the plain-text body ("" when the message has none)
 * @param links      the http(s) links of the text, in order, without repeats
 */
public record CapturedMail(int id, Instant receivedAt, String from, List<String> to, String subject, String text,
                           List<String> links) {

    static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"')]+");

    public CapturedMail {
        to = List.copyOf(to);
        links = List.copyOf(links);
    }

    /** Reads a received message; {@code receivedAt} is the server's time of receipt. */
    static CapturedMail of(int id, MimeMessage message, Instant receivedAt) throws MessagingException, IOException {
        String text = plainText(message);
        return new CapturedMail(id, receivedAt, addresses(message.getFrom()).stream().findFirst().orElse(""),
                addresses(message.getAllRecipients()), message.getSubject() == null ? "" : message.getSubject(), text,
                links(text));
    }

    /** As the JSON API shows it: the record's fields, {@code receivedAt} in ISO-8601. */
    public java.util.Map<String, Object> toJson() {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("id", id);
        json.put("receivedAt", receivedAt.toString());
        json.put("from", from);
        json.put("to", to);
        json.put("subject", subject);
        json.put("text", text);
        json.put("links", links);
        return json;
    }

    /** The http(s) links of a text, in order, each once. */
    static List<String> links(String text) {
        LinkedHashSet<String> found = new LinkedHashSet<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return List.copyOf(found);
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (!text.isEmpty()) {
                    texts.add(text);
                }
            }
            return texts.isEmpty() ? "" : texts.get(0);
        }
        return "";
    }
}
