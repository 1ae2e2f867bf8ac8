package io.aegis.node.paging;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.util.Date;
import java.util.Properties;

/**
 * Sends one page over SMTP (Jakarta Mail, Angus): one connection per page, STARTTLS as configured
 * ({@code required} refuses to send in clear), SMTP AUTH when a user is set, and the configured
 * timeout on connect, read and write so a stalled server fails the attempt instead of holding it.
 * The message is {@code multipart/alternative} (plain text, then HTML), UTF-8, with the header
 * {@value #NOTIFICATION_HEADER} naming the notification so a mailbox can drop the duplicates
 * at-least-once delivery may cause. Never logs the password.
 */
final class SmtpMailer {

    static final String NOTIFICATION_HEADER = "X-Aegis-Notification";

    private final PagingSettings.Smtp smtp;
    private final InternetAddress from;
    private final Session session;

    SmtpMailer(PagingSettings.Smtp smtp, InternetAddress from) {
        this.smtp = smtp;
        this.from = from;
        this.session = Session.getInstance(properties(smtp, from));
    }

    static Properties properties(PagingSettings.Smtp smtp, InternetAddress from) {
        Properties props = new Properties();
        String timeout = Long.toString(smtp.timeout().toMillis());
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        props.put("mail.smtp.from", from.getAddress());
        props.put("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls() != StartTls.NONE));
        props.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls() == StartTls.REQUIRED));
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        return props;
    }

    /** Sends the page to {@code to}; throws when the server did not take it. */
    void send(Page page, InternetAddress to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(page.subject(), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader(NOTIFICATION_HEADER, page.notificationId().replaceAll("[\\r\\n]", " "));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(page.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(page.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(smtp.host(), smtp.port(), smtp.username().orElse(null), smtp.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** True when the server refused for good (5xx): another attempt would be refused the same way. */
    static boolean permanent(MessagingException error) {
        for (Exception e = error; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            int code = e instanceof SMTPAddressFailedException a ? a.getReturnCode()
                    : e instanceof SMTPSendFailedException s ? s.getReturnCode() : 0;
            if (code >= 500 && code < 600) {
                return true;
            }
        }
        return false;
    }

    /** The error in words, with its nested SMTP errors (what the server answered), on one line. */
    static String describe(Exception error) {
        StringBuilder text = new StringBuilder(error.toString());
        Throwable next = error instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : error.getCause();
        for (int depth = 0; next != null && depth < 5; depth++) {
            text.append(" <- ").append(next);
            next = next instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : next.getCause();
        }
        return text.toString().replaceAll("\\s+", " ").trim();
    }
}
