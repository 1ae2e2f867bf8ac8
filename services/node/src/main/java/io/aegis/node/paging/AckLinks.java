package io.aegis.node.paging;

import io.aegis.schema.response.Notification;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Issues the acknowledgement link of a notification that asks for one. A notification asks for an
 * acknowledgement when it concerns a case and its ask is the response service's "acknowledge"
 * (case opened, tier raised, re-escalated, or an obligation met by acknowledging). Invariant: a
 * link expires at the notification's deadline if it has one, else at createdAt + ttl, and never
 * later than createdAt + ttl; each link has its own random id, so each can be used once.
 */
final class AckLinks {

    /** A link and its URL. */
    record Issued(AckLink link, String url) {
    }

    private final AckTokens tokens;
    private final String consoleUrl;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    AckLinks(AckTokens tokens, String consoleUrl, Duration ttl) {
        this.tokens = tokens;
        this.consoleUrl = consoleUrl;
        this.ttl = ttl;
    }

    /** True when the notification asks its officer to acknowledge its case. */
    static boolean asksAcknowledgement(Notification notification) {
        return notification.getCaseId() != null && !notification.getCaseId().isBlank()
                && notification.getAsk().trim().toLowerCase(Locale.ROOT).startsWith("acknowledge");
    }

    /** When a link for the notification expires. */
    Instant expiry(Notification notification) {
        Instant latest = notification.getCreatedAt().plus(ttl);
        Instant deadline = notification.getDeadline();
        return deadline != null && deadline.isBefore(latest) ? deadline : latest;
    }

    /** The link, when the notification asks for an acknowledgement. */
    Optional<Issued> issue(Notification notification) {
        if (!asksAcknowledgement(notification)) {
            return Optional.empty();
        }
        byte[] id = new byte[AckLink.ID_BYTES];
        random.nextBytes(id);
        AckLink link = new AckLink(id, notification.getCountry(), notification.getCaseId(), notification.getOfficerId(),
                notification.getNotificationId(), notification.getCreatedAt(), expiry(notification));
        return Optional.of(new Issued(link, consoleUrl + "/ack/" + tokens.issue(link)));
    }

    /** The console's page of a case. */
    String caseUrl(String caseId) {
        return consoleUrl + "/console/#case/" + caseId;
    }
}
