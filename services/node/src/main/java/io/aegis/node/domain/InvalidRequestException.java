package io.aegis.node.domain;

import java.util.List;

/**
 * A request that parsed as JSON (or YAML) but breaks one or more field rules. Carries every
 * violation found, so a caller can fix them all at once; nothing is produced for such a request.
 */
public final class InvalidRequestException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidRequestException(String error, List<Violation> violations) {
        super(error);
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String message) {
        this("validation failed", List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
