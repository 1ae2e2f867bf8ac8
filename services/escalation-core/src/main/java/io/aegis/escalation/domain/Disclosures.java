package io.aegis.escalation.domain;

import io.aegis.schema.common.Delivery;
import io.aegis.schema.response.SignalDisclosure;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The per-signal need-to-know facts an escalation carries for the response service: each signal's
 * origin, level, attribution and audience. They go on coordination-centre records only; the
 * response service turns them into what each member may read. At most
 * {@link EscalationEngine#MAX_NAMED_SIGNALS} are carried; the rest are counted, never named.
 */
public final class Disclosures {

    private Disclosures() {
    }

    public static List<SignalDisclosure> of(List<Observation> signals) {
        return signals.stream().limit(EscalationEngine.MAX_NAMED_SIGNALS).map(Disclosures::of).toList();
    }

    static SignalDisclosure of(Observation signal) {
        return SignalDisclosure.newBuilder()
                .setSignalId(signal.signalId())
                .setOriginCountry(signal.country())
                .setCountOnly(signal.countOnly())
                .setAttribution(signal.attribution())
                .setAudience(signal.audience().entrySet().stream().map(Disclosures::delivery).toList())
                .build();
    }

    private static Delivery delivery(Map.Entry<String, Long> entry) {
        return new Delivery(entry.getKey(), entry.getValue() == Observation.AT_ONCE ? null : Instant.ofEpochMilli(entry.getValue()));
    }
}
