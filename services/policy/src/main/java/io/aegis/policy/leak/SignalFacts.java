package io.aegis.policy.leak;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import java.time.Instant;
import java.util.List;

/**
 * What a policy decides on about one signal at one moment: the origin, the label and recipient
 * list in force (narrowed by any downgrade issued before that moment), and the filter attributes
 * (category, sectors, severity), plus the original content to compare copies with.
 */
public record SignalFacts(String origin, Tlp tlp, List<String> recipients, Category category, List<Sector> sectors,
                          int severity, SignalContent original) {

    /** The facts of {@code signal} as of {@code at}: every downgrade issued at or before it applied in order. */
    public static SignalFacts of(ThreatSignal signal, List<Retraction> changes, Instant at) {
        SignalContent content = signal.getContent();
        Tlp tlp = content.getTlp();
        List<String> recipients = content.getRecipients();
        for (Retraction change : changes) {
            if (change.getKind() == RetractionKind.DOWNGRADE && !change.getIssuedAt().isAfter(at)) {
                tlp = change.getNewTlp() == null ? tlp : change.getNewTlp();
                recipients = change.getNewRecipients().isEmpty() ? recipients : change.getNewRecipients();
            }
        }
        return new SignalFacts(signal.getOriginCountry(), tlp, List.copyOf(recipients), content.getCategory(),
                List.copyOf(content.getSectors()), content.getSeverity(), content);
    }

    /**
     * The facts a copy itself shows, for when the origin's outbox record is not on hand: the label,
     * category, sectors and severity are never redacted; recipients may be, and then count as none.
     */
    public static SignalFacts ofCopy(String origin, Tlp decidedTlp, SignalContent copy) {
        Tlp tlp = decidedTlp.ordinal() > copy.getTlp().ordinal() ? decidedTlp : copy.getTlp();
        return new SignalFacts(origin, tlp, List.copyOf(copy.getRecipients()), copy.getCategory(),
                List.copyOf(copy.getSectors()), copy.getSeverity(), null);
    }
}
