package io.aegis.node.domain;

import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.stix.StixSignal;

import java.time.Instant;

/**
 * What STIX may say of a signal this node holds: an inbox copy says exactly what the copy says (its
 * origin fields as the origin's attribution left them, its redacted content), an own signal says
 * everything, narrowed by its latest downgrade.
 */
public final class StixCopies {

    private StixCopies() {
    }

    public static StixSignal of(SharedSignal copy, Instant modified) {
        return new StixSignal(copy.getSignalId(), copy.getOriginCountry(), copy.getOriginAgency(), copy.getSubmittedAt(),
                modified, copy.getContent(), false);
    }

    /** An own signal as of its latest retraction or downgrade (null when none); revoked once retracted. */
    public static StixSignal own(ThreatSignal signal, Retraction latest) {
        if (latest == null) {
            return new StixSignal(signal.getId(), signal.getOriginCountry(), signal.getOriginAgency(), signal.getSubmittedAt(),
                    signal.getSubmittedAt(), signal.getContent(), false);
        }
        boolean revoked = latest.getKind() == io.aegis.schema.signal.RetractionKind.RETRACT;
        return new StixSignal(signal.getId(), signal.getOriginCountry(), signal.getOriginAgency(), signal.getSubmittedAt(),
                latest.getIssuedAt(), narrowed(signal.getContent(), latest), revoked);
    }

    /**
     * The content as a downgrade leaves it: a stricter label (never a wider one) and the notice's
     * recipients when it names any. The one narrowing rule of the inbox copy and the own signal.
     */
    public static SignalContent narrowed(SignalContent content, Retraction notice) {
        SignalContent.Builder narrowed = SignalContent.newBuilder(content);
        if (notice.getNewTlp() != null && notice.getNewTlp().ordinal() > content.getTlp().ordinal()) {
            narrowed.setTlp(notice.getNewTlp());
        }
        if (!notice.getNewRecipients().isEmpty()) {
            narrowed.setRecipients(notice.getNewRecipients());
        }
        return narrowed.build();
    }

    /**
     * True when a retraction notice is the origin's own retraction, false when it withdraws this
     * country's copy because a downgrade no longer allows it (such a notice carries the downgrade's new
     * label or recipients; the origin's retraction carries neither).
     */
    public static boolean retractedByOrigin(Retraction notice) {
        return notice.getNewTlp() == null && notice.getNewRecipients().isEmpty();
    }
}
