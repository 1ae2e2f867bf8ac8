package io.aegis.node.domain;

import io.aegis.policy.TlpLabels;
import io.aegis.policy.CountryCodes;
import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.ThreatSignal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the (unsigned) {@link Retraction} for a retract or downgrade request on one of this
 * node's own signals. Invariant: a downgrade only ever narrows: the new TLP is at least as strict
 * as the current one, new recipients are a subset of the current ones when those were listed,
 * and AMBER+STRICT or RED keep a non-empty recipient list.
 */
public final class RetractionParser {

    private static final int MAX_REASON = 2000;

    private RetractionParser() {
    }

    public static Retraction retract(JsonNode body, ThreatSignal signal, String keyId, Instant now) {
        FieldReader in = new FieldReader();
        String reason = reason(in, body, Set.of("reason"));
        failIfAny(in);
        return base(signal, keyId, now, reason).setKind(RetractionKind.RETRACT).build();
    }

    /** {@code current} is the signal's TLP and recipients after any earlier downgrade. */
    public static Retraction downgrade(JsonNode body, ThreatSignal signal, Tlp currentTlp, List<String> currentRecipients,
                                       String keyId, Instant now) {
        FieldReader in = new FieldReader();
        String reason = reason(in, body, Set.of("reason", "tlp", "recipients"));
        Optional<Tlp> tlp = in.string(body, "", "tlp", false, 20).flatMap(label -> {
            Optional<Tlp> parsed = TlpLabels.parse(label);
            if (parsed.isEmpty()) {
                in.fail("tlp", "must be one of " + TlpLabels.ALLOWED);
            } else if (parsed.get().ordinal() < currentTlp.ordinal()) {
                in.fail("tlp", "must not widen the audience: current tlp is " + TlpLabels.label(currentTlp));
            }
            return parsed;
        });
        List<String> recipients = in.strings(body, "", "recipients", 250, CountryCodes::check);
        if (!currentRecipients.isEmpty()) {
            recipients.stream().filter(r -> !currentRecipients.contains(r)).findFirst()
                    .ifPresent(r -> in.fail("recipients", "must not add recipient " + r + " (not among " + currentRecipients + ")"));
        }
        if (tlp.isEmpty() && !body.has("recipients") && in.violations().isEmpty()) {
            in.fail("tlp", "a downgrade needs a new tlp, new recipients, or both");
        }
        Tlp effective = tlp.orElse(currentTlp);
        List<String> effectiveRecipients = body.has("recipients") ? recipients : currentRecipients;
        if (TlpLabels.needsRecipients(effective) && effectiveRecipients.isEmpty() && in.violations().isEmpty()) {
            in.fail("recipients", "must not be empty for tlp " + TlpLabels.label(effective));
        }
        failIfAny(in);
        return base(signal, keyId, now, reason).setKind(RetractionKind.DOWNGRADE).setNewTlp(effective)
                .setNewRecipients(effectiveRecipients).build();
    }

    private static String reason(FieldReader in, JsonNode body, Set<String> allowed) {
        if (!in.isObject(body, "")) {
            failIfAny(in);
        }
        in.refuseUnknown(body, "", allowed);
        return in.string(body, "", "reason", true, MAX_REASON).orElse(null);
    }

    private static Retraction.Builder base(ThreatSignal signal, String keyId, Instant now, String reason) {
        return Retraction.newBuilder().setSignalId(signal.getId()).setIssuedAt(now).setReason(reason)
                .setOriginCountry(signal.getOriginCountry()).setOriginAgency(signal.getOriginAgency())
                .setKeyId(keyId).setSignature(ByteBuffer.allocate(0));
    }

    private static void failIfAny(FieldReader in) {
        if (!in.violations().isEmpty()) {
            throw new InvalidRequestException("validation failed", in.violations());
        }
    }
}
