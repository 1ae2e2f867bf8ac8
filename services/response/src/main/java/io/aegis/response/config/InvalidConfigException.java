package io.aegis.response.config;

import java.util.List;

/** Start-up configuration (response rules, rosters, members) that breaks a rule; lists every problem found. */
public final class InvalidConfigException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("invalid response configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as "file: path: rule". */
    public List<String> problems() {
        return problems;
    }
}
