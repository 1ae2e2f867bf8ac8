package io.aegis.replay.verify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@code verify}: how many records each check covered, every violation, and what
 * could not be checked (a topic the principal may not read, a missing public key).
 *
 * @param from       start of the range
 * @param to         end of the range
 * @param checked    records covered, per check
 * @param violations violations found
 * @param unchecked  what could not be checked, and why
 */
public record VerificationReport(Instant from, Instant to, Map<String, Integer> checked, List<Violation> violations,
                                 List<String> unchecked) {

    public VerificationReport {
        checked = Collections.unmodifiableMap(new LinkedHashMap<>(checked));
        violations = List.copyOf(violations);
        unchecked = List.copyOf(unchecked);
    }

    public boolean clean() {
        return violations.isEmpty();
    }

    public boolean complete() {
        return unchecked.isEmpty();
    }
}
