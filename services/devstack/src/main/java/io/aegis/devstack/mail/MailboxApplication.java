package io.aegis.devstack.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aegis.kafka.crypto.SecretHash;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The devstack's mailbox: a real SMTP server (GreenMail) on loopback that captures every message
 * the nodes send their duty officers, and a page that shows them ({@code ./aegis demo} prints where).
 * Nodes log in to SMTP with their own generated password (GreenMail checks it; it does not refuse
 * a client that skips AUTH, which is why both listeners accept loopback connections only). The
 * page and its JSON API ({@code /api/messages}) need the reader's HTTP Basic login from
 * {@code var/devstack.json}: the captured pages hold acknowledgement links. {@code /health} is
 * open and says UP only. Nothing is stored: the mailbox forgets everything when it stops.
 */
public final class MailboxApplication {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MailboxConfig config;
    private final GreenMail smtp;
    private final HttpServer http;

    MailboxApplication(MailboxConfig config) throws IOException {
        this.config = config;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        GreenMailConfiguration users = GreenMailConfiguration.aConfig();
        config.senders().forEach((login, password) -> users.withUser(login + "@mailbox.aegis.test", login, password));
        this.smtp = new GreenMail(new ServerSetup(config.smtpPort(), loopback.getHostAddress(), ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(users);
        this.http = HttpServer.create(new InetSocketAddress(loopback, config.httpPort()), 16);
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.createContext("/health", exchange -> send(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
        http.createContext("/api/messages", exchange -> guarded(exchange, () -> send(exchange, 200, "application/json",
                JSON.writeValueAsString(Map.of("items", messages().stream().map(CapturedMail::toJson).toList())))));
        http.createContext("/", exchange -> guarded(exchange, () -> page(exchange)));
    }

    public static void main(String[] args) throws IOException {
        String file = System.getProperty("micronaut.config.files");
        if (file == null) {
            throw new IllegalArgumentException("-Dmicronaut.config.files must name the mailbox's configuration file");
        }
        MailboxApplication mailbox = new MailboxApplication(MailboxConfig.read(Path.of(file)));
        mailbox.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mailbox::stop, "mailbox-stop"));
        System.out.println("Mailbox: SMTP on 127.0.0.1:" + mailbox.config.smtpPort() + ", page on http://localhost:"
                + mailbox.config.httpPort() + "/");
    }

    void start() {
        smtp.start();
        http.start();
    }

    void stop() {
        http.stop(0);
        smtp.stop();
    }

    /** Every captured message, oldest first. */
    List<CapturedMail> messages() throws IOException {
        MimeMessage[] received = smtp.getReceivedMessages();
        List<CapturedMail> mails = new ArrayList<>(received.length);
        for (int i = 0; i < received.length; i++) {
            try {
                MimeMessage message = received[i];
                Instant at = Optional.ofNullable(message.getReceivedDate()).or(() -> Optional.ofNullable(sentDate(message)))
                        .map(java.util.Date::toInstant).orElse(Instant.EPOCH);
                mails.add(CapturedMail.of(i + 1, message, at));
            } catch (MessagingException e) {
                throw new IOException("captured message " + (i + 1) + " cannot be read: " + e.getMessage(), e);
            }
        }
        return mails;
    }

    private static java.util.Date sentDate(MimeMessage message) {
        try {
            return message.getSentDate();
        } catch (MessagingException e) {
            return null;
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            send(exchange, 404, "text/plain; charset=utf-8", "no such page; the mailbox is at /");
            return;
        }
        send(exchange, 200, "text/html; charset=utf-8", MailboxPage.render(messages()));
    }

    private interface Handler {
        void handle() throws IOException;
    }

    /** Runs {@code handler} for the reader only; anyone else gets 401 and nothing else. */
    private void guarded(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "the mailbox is read-only: GET only");
            } else if (authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                handler.handle();
            } else {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"aegis-mailbox\", charset=\"UTF-8\"");
                send(exchange, 401, "text/plain; charset=utf-8",
                        "sign in as " + config.reader() + " with the mailbox password from var/devstack.json");
            }
        }
    }

    boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 & decoded.substring(0, Math.max(colon, 0)).equals(config.reader())
                & SecretHash.matches(config.readerPasswordHash(), colon < 0 ? "" : decoded.substring(colon + 1));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
