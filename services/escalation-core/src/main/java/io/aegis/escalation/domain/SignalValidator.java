package io.aegis.escalation.domain;

import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.routing.CoordinationSignal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a coordination signal before it is counted. A signal that fails is not counted and
 * goes to the DLQ with the reason returned here, which names the field and the rule.
 */
public final class SignalValidator {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private SignalValidator() {
    }

    /** Why {@code signal} cannot be counted, or empty when it can. */
    public static Optional<String> problem(CoordinationSignal signal) {
        if (signal.getSignalId() == null || signal.getSignalId().isBlank()) {
            return Optional.of("signalId: must not be blank");
        }
        if (signal.getOriginCountry() == null || !COUNTRY.matcher(signal.getOriginCountry()).matches()) {
            return Optional.of("originCountry: must be an ISO 3166-1 alpha-2 code, was " + signal.getOriginCountry());
        }
        if (signal.getSeverity() < 1 || signal.getSeverity() > 5) {
            return Optional.of("severity: must be from 1 to 5, was " + signal.getSeverity());
        }
        if (signal.getLevel() == CoordinationLevel.NONE) {
            return Optional.of("level: NONE signals must not reach the coordination topic");
        }
        if (signal.getSubmittedAt() == null) {
            return Optional.of("submittedAt: is required");
        }
        return Optional.empty();
    }
}
