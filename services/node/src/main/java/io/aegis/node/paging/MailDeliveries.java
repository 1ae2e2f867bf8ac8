package io.aegis.node.paging;

import io.aegis.kafka.dlq.DlqRecords;
import io.aegis.node.messaging.DeadLetters;
import io.aegis.kafka.topic.Topic;
import io.aegis.node.domain.Backoff;
import io.aegis.schema.response.Notification;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Pages the officer of one notification record by e-mail. Invariant: the returned future completes
 * normally only once the SMTP server took the page, or the record was dead-lettered to
 * {@code aegis.dlq} with the write acknowledged, with a reason naming the officer, the address and
 * the SMTP error; it completes exceptionally only when that DLQ write failed (the caller then reads
 * the record again). A page the server did not take is sent again after a backoff, up to the
 * configured retries; a permanent refusal (5xx) is dead-lettered at once. A record that cannot be
 * read, a notification for an officer without an address, and one whose page cannot be written are
 * dead-lettered without sending.
 * Every attempt of one record sends the same page (one acknowledgement link).
 */
final class MailDeliveries {

    /** Sends one page; throws when the server did not take it. */
    interface Sender {
        void send(Page page, InternetAddress to) throws MessagingException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MailDeliveries.class);

    private final Topic<String, Notification> topic;
    private final PagingSettings settings;
    private final PageComposer composer;
    private final Function<Notification, Map<String, Object>> about;
    private final Sender sender;
    private final Executor executor;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Clock clock;

    MailDeliveries(Topic<String, Notification> topic, PagingSettings settings, PageComposer composer,
                   Function<Notification, Map<String, Object>> about, Sender sender, Executor executor,
                   Producer<byte[], byte[]> dlq, String service, MeterRegistry meters, Clock clock) {
        this.topic = topic;
        this.settings = settings;
        this.composer = composer;
        this.about = about;
        this.sender = sender;
        this.executor = executor;
        this.deadLetters = new DeadLetters(dlq, service);
        this.meters = meters;
        this.clock = clock;
    }

    CompletableFuture<Void> deliver(ConsumerRecord<byte[], byte[]> record) {
        Notification notification;
        try {
            notification = topic.valueDeserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return deadLetter(record, "unreadable notification: " + DlqRecords.reasonOf(e), e);
        }
        if (notification == null) {
            return CompletableFuture.completedFuture(null);
        }
        Optional<InternetAddress> address = settings.address(notification.getOfficerId());
        if (address.isEmpty()) {
            count("dead_lettered");
            return deadLetter(record, "no paging address for officer " + notification.getOfficerId() + " (notification "
                    + notification.getNotificationId() + "): set aegis.node.paging.addresses." + notification.getOfficerId(), null);
        }
        Page page;
        try {
            page = composer.compose(notification, about.apply(notification), clock.instant());
        } catch (RuntimeException e) {
            // e.g. an id too long for a link: reading it again would fail the same way, forever
            count("dead_lettered");
            return deadLetter(record, "page for officer " + notification.getOfficerId() + " (notification "
                    + notification.getNotificationId() + ") cannot be written: " + DlqRecords.reasonOf(e), e);
        }
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        executor.execute(() -> attempt(record, page, address.get(), 1, outcome));
        return outcome;
    }

    private void attempt(ConsumerRecord<byte[], byte[]> record, Page page, InternetAddress to, int attempt,
                         CompletableFuture<Void> outcome) {
        try {
            sender.send(page, to);
            count("sent");
            LOG.info("Paged officer {} for notification {} (attempt {}{})", page.officerId(), page.notificationId(), attempt,
                    page.ackLink().map(link -> ", acknowledgement link " + link.id()).orElse(""));
            outcome.complete(null);
        } catch (MessagingException | RuntimeException e) {
            String error = SmtpMailer.describe(e);
            boolean permanent = e instanceof MessagingException m && SmtpMailer.permanent(m);
            if (permanent || attempt > settings.retries()) {
                count("dead_lettered");
                String reason = "mail to officer " + page.officerId() + " at " + to.getAddress() + " for notification "
                        + page.notificationId() + " failed after " + attempt + " attempt(s)"
                        + (permanent ? " (refused for good)" : "") + ": " + error;
                deadLetter(record, reason, e).whenComplete((done, failure) -> {
                    if (failure != null) {
                        outcome.completeExceptionally(failure);
                    } else {
                        outcome.complete(null);
                    }
                });
                return;
            }
            count("retried");
            Backoff backoff = settings.backoff();
            long wait = backoff.delay(attempt).toMillis();
            LOG.warn("Page of officer {} for notification {} not taken (attempt {}): {}; next attempt in {} ms", page.officerId(),
                    page.notificationId(), attempt, error, wait);
            CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS, executor)
                    .execute(() -> attempt(record, page, to, attempt + 1, outcome));
        }
    }

    private void count(String outcome) {
        meters.counter("aegis.node.paging.mails", "outcome", outcome).increment();
    }

    /** Writes the original record to the DLQ; completes when the brokers acknowledged it. */
    private CompletableFuture<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        return deadLetters.send(record, reason, error);
    }
}
