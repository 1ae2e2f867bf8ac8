package io.aegis.node.paging;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The SMTP client against a real SMTP server (GreenMail) that knows one user: plain SMTP with SMTP
 * AUTH delivers a two-part page; a wrong password, and a server without (trusted) STARTTLS when it
 * is required, fail the attempt, which the caller then retries and dead-letters.
 */
@Tag("integration")
@Timeout(60)
class SmtpMailerIT {

    static final String USER = "aegis-fr";
    static final String PASSWORD = "smtp-password-for-this-test";
    GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("aegis-fr@aegis.test", USER, PASSWORD));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    SmtpMailer mailer(StartTls starttls, String password) throws Exception {
        return new SmtpMailer(new PagingSettings.Smtp("127.0.0.1", smtp.getSmtp().getPort(), starttls, Optional.of(USER),
                Optional.of(password), Duration.ofSeconds(5)), new InternetAddress("aegis-fr@aegis.test"));
    }

    static Page page() {
        return new Page("case-1/3/fr-duty-primary", "fr-duty-primary", "Aegis FR · SEVERE · case opened · é (case case-1)",
                "plain text ✓", "<p>html ✓</p>", Optional.empty());
    }

    @Test
    void shouldSendATwoPartPageWithSmtpAuthAndNoStartTls() throws Exception {
        mailer(StartTls.NONE, PASSWORD).send(page(), new InternetAddress("primary@aegis.test"));

        MimeMessage[] received = smtp.getReceivedMessagesForDomain("primary@aegis.test");
        assertEquals(1, received.length);
        MimeMessage mail = received[0];
        assertEquals("Aegis FR · SEVERE · case opened · é (case case-1)", mail.getSubject());
        assertEquals("case-1/3/fr-duty-primary", mail.getHeader(SmtpMailer.NOTIFICATION_HEADER, null));
        assertEquals("aegis-fr@aegis.test", ((InternetAddress) mail.getFrom()[0]).getAddress());
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertEquals("plain text ✓", parts.getBodyPart(0).getContent());
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertEquals("<p>html ✓</p>", parts.getBodyPart(1).getContent());
    }

    @Test
    void shouldFailTheAttemptWithAWrongPassword() throws Exception {
        SmtpMailer mailer = mailer(StartTls.NONE, "not-the-password");
        assertThatThrownBy(() -> mailer.send(page(), new InternetAddress("primary@aegis.test")))
                .isInstanceOf(AuthenticationFailedException.class);
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void shouldNotSendInClearWhenStartTlsIsRequired() throws Exception {
        SmtpMailer mailer = mailer(StartTls.REQUIRED, PASSWORD);
        assertThatThrownBy(() -> mailer.send(page(), new InternetAddress("primary@aegis.test")))
                .isInstanceOf(MessagingException.class);
        assertEquals(0, smtp.getReceivedMessages().length);
    }
}
