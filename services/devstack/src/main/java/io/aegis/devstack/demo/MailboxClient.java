package io.aegis.devstack.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads the devstack's mailbox (its JSON API, as the mailbox reader of {@code devstack.json}) and
 * follows links from captured mail as a mail reader's browser would: a GET that shows the page,
 * then, for an acknowledgement link, the POST its button sends.
 */
public final class MailboxClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** One captured message: recipients, subject, plain text and its links. */
    public record Mail(int id, List<String> to, String subject, String text, List<String> links) {
    }

    /** A page fetched from a link: status and HTML. */
    public record Page(int status, String html) {
    }

    private final URI base;
    private final String authorization;

    public MailboxClient(URI base, String username, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** From {@code devstack.json}'s {@code mailbox} entry. */
    public static MailboxClient from(Map<String, Object> descriptor) {
        if (!(descriptor.get("mailbox") instanceof Map<?, ?> mailbox) || !(mailbox.get("url") instanceof String url)
                || !(mailbox.get("username") instanceof String user) || !(mailbox.get("password") instanceof String password)) {
            throw new IllegalArgumentException("devstack.json: 'mailbox' needs 'url', 'username' and 'password' "
                    + "(written by ./aegis up since the devstack pages officers by e-mail)");
        }
        return new MailboxClient(URI.create(url), user, password);
    }

    public URI url() {
        return base;
    }

    /** Every captured message, oldest first. */
    public List<Mail> messages() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/messages"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the mailbox answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, List<Map<String, Object>>> page = JSON.readValue(response.body(), new TypeReference<>() { });
        return page.getOrDefault("items", List.of()).stream().map(MailboxClient::mail).toList();
    }

    @SuppressWarnings("unchecked")
    private static Mail mail(Map<String, Object> json) {
        return new Mail(((Number) json.get("id")).intValue(), (List<String>) json.get("to"), String.valueOf(json.get("subject")),
                String.valueOf(json.get("text")), (List<String>) json.get("links"));
    }

    /** GET of a link from a message (no credentials: the link is its own). */
    public static Page open(String link) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(15))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Page(response.statusCode(), response.body());
    }

    /** The POST an acknowledgement page's button sends to its own link. */
    public static Page confirm(String link) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(15))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        return new Page(response.statusCode(), response.body());
    }
}
