package io.aegis.response.domain;

import io.aegis.schema.response.CaseOutcomeFlag;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How an officer records an outcome on a case: a COMMENT whose text starts with
 * {@code #outcome:<flag>} (e.g. {@code #outcome:DEATH confirmed by the hospital}), as a filed report
 * is recorded with {@code #<obligation id>}. The flag is read case-insensitively; OTHER, the schema's
 * stand-in for flags a reader does not know, cannot be recorded.
 */
final class OutcomeTag {

    static final String PREFIX = "#outcome:";

    /** The flags an officer may record. */
    static final List<CaseOutcomeFlag> RECORDABLE = Arrays.stream(CaseOutcomeFlag.values())
            .filter(flag -> flag != CaseOutcomeFlag.OTHER).toList();

    private OutcomeTag() {
    }

    static boolean isOutcome(String text) {
        String stripped = text.strip();
        return stripped.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** The flag the text records; empty when it is not an outcome tag or names no recordable flag. */
    static Optional<CaseOutcomeFlag> flag(String text) {
        if (!isOutcome(text)) {
            return Optional.empty();
        }
        String name = written(text).toUpperCase(Locale.ROOT);
        return RECORDABLE.stream().filter(flag -> flag.name().equals(name)).findFirst();
    }

    /** Why an outcome tag is refused, naming the field and the rule; empty when it is fine or no tag. */
    static Optional<String> problem(String text) {
        if (!isOutcome(text) || flag(text).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("text: " + PREFIX + "<flag> must name one of " + RECORDABLE + ", got '" + written(text) + "'");
    }

    private static String written(String text) {
        return text.strip().substring(PREFIX.length()).split("\\s+", 2)[0];
    }
}
