package io.aegis.node.paging;

import java.util.Optional;

/**
 * One e-mail page as composed for its officer: subject, plain-text and HTML parts, and the
 * acknowledgement link it carries, if any (the link id is loggable, its URL is a credential).
 */
record Page(String notificationId, String officerId, String subject, String text, String html, Optional<AckLink> ackLink) {
}
