package io.aegis.devstack.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aegis.devstack.demo.MailboxClient;
import io.aegis.kafka.crypto.SecretHash;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The devstack's mailbox over real SMTP and HTTP: a node's authenticated message is captured and
 * shown to the reader only; a wrong SMTP password is refused; the page escapes what a message holds.
 */
class MailboxApplicationTest {

    private static final String NODE_PASSWORD = "node-fr-smtp-password";
    private static final String READER_PASSWORD = "reader-password";

    private MailboxApplication mailbox;
    private MailboxConfig config;

    @BeforeEach
    void start() throws IOException {
        config = new MailboxConfig(freePort(), freePort(), Map.of("node-FR", NODE_PASSWORD), "mailbox-reader",
                SecretHash.of(READER_PASSWORD));
        mailbox = new MailboxApplication(config);
        mailbox.start();
    }

    @AfterEach
    void stop() {
        mailbox.stop();
    }

    @Test
    void shouldCaptureANodesAuthenticatedMailAndShowItToTheReaderOnly() throws Exception {
        // when a node sends a page with its own login
        send("node-FR", NODE_PASSWORD, "fr-duty-backup@fr.aegis.test", "[CRITICAL] case <b>c-1</b>",
                "Acknowledge: http://localhost:8101/ack/abc.def\nOpen: http://localhost:8101/console/#case/c-1\n");

        // then the reader sees it, with its links
        List<MailboxClient.Mail> mails = new MailboxClient(URI.create("http://localhost:" + config.httpPort()),
                "mailbox-reader", READER_PASSWORD).messages();
        assertEquals(1, mails.size());
        MailboxClient.Mail mail = mails.get(0);
        assertEquals(List.of("fr-duty-backup@fr.aegis.test"), mail.to());
        assertEquals(List.of("http://localhost:8101/ack/abc.def", "http://localhost:8101/console/#case/c-1"), mail.links());

        // and the page shows it escaped, with the links clickable
        HttpResponse<String> page = get("/", "mailbox-reader", READER_PASSWORD);
        assertEquals(200, page.statusCode());
        assertThat(page.body()).contains("[CRITICAL] case &lt;b&gt;c-1&lt;/b&gt;")
                .contains("<a href=\"http://localhost:8101/ack/abc.def\">").doesNotContain("<b>c-1</b>");

        // nobody else: no login, a wrong password, or another user
        assertEquals(401, get("/", null, null).statusCode());
        assertEquals(401, get("/api/messages", "mailbox-reader", "wrong").statusCode());
        assertEquals(401, get("/api/messages", "node-FR", NODE_PASSWORD).statusCode());
        // the health check is open and says UP only
        HttpResponse<String> health = get("/health", null, null);
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"UP\"}", health.body());
    }

    @Test
    void shouldRefuseASenderWithAWrongPassword() {
        assertThrows(AuthenticationFailedException.class,
                () -> send("node-FR", "not-the-password", "fr-duty-primary@fr.aegis.test", "x", "y"));
    }

    private void send(String user, String password, String to, String subject, String text) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(config.smtpPort()));
        props.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("duty-desk@fr.aegis.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>" + text + "</p>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", plain, html));
        Transport.send(message, user, password);
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + config.httpPort() + path));
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
