package io.aegis.escalation.domain;

import java.util.List;

/**
 * The escalation rules are invalid. The message lists every violation, each naming the rule
 * (or section) and the field and the rule it breaks, e.g.
 * {@code rules[2] (id=cross-border).when.minCountries: must be at least 1, was 0}.
 */
public class RulesValidationException extends RuntimeException {

    private final List<String> violations;

    public RulesValidationException(String source, List<String> violations) {
        super("invalid escalation rules in " + source + ":\n  - " + String.join("\n  - ", violations));
        this.violations = List.copyOf(violations);
    }

    /** Each violation: the path of the offending field, a colon, and what is wrong. */
    public List<String> violations() {
        return violations;
    }
}
