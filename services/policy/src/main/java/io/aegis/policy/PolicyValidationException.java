package io.aegis.policy;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a sharing policy or member list breaks a rule; carries every violation found. */
public class PolicyValidationException extends RuntimeException {

    private final transient List<Violation> violations;

    public PolicyValidationException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public PolicyValidationException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
