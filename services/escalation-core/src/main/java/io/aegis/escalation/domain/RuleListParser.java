package io.aegis.escalation.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the {@code rules} list; each violation names the rule by index and id, and the field. */
final class RuleListParser {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> RULE_FIELDS = Set.of("id", "tier", "window", "when", "description");
    private static final Set<String> CONDITION_FIELDS = Set.of(
            "minSignals", "minCountries", "minSeverity", "minCriticalSectors", "categories", "baselineFactor");

    private final Map<String, Duration> windows;
    private final List<String> violations;
    private final Set<String> seenIds = new HashSet<>();

    RuleListParser(Map<String, Duration> windows, List<String> violations) {
        this.windows = windows;
        this.violations = violations;
    }

    List<EscalationRule> parse(List<?> raw) {
        List<EscalationRule> rules = new ArrayList<>();
        if (raw != null && raw.isEmpty()) {
            violations.add("rules: must hold at least one rule");
        }
        for (int i = 0; raw != null && i < raw.size(); i++) {
            EscalationRule rule = rule(i, raw.get(i));
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private EscalationRule rule(int index, Object raw) {
        if (!(raw instanceof Map<?, ?> fields)) {
            violations.add("rules[" + index + "]: must be a mapping with id, tier, window and when");
            return null;
        }
        Object rawId = fields.get("id");
        FieldReader reader = new FieldReader("rules[" + index + "]" + (rawId == null ? "" : " (id=" + rawId + ")"),
                fields, violations);
        reader.rejectUnknown(RULE_FIELDS);
        String id = ruleId(reader);
        Tier tier = fields.get("tier") == null ? missing(reader, "tier")
                : reader.enumValue("tier", Tier.class, fields.get("tier"));
        if (tier == Tier.NOTICE) {
            reader.violation("tier", "a rule must set a tier above NOTICE");
        }
        String window = reader.string("window", true);
        if (window != null && !windows.containsKey(window)) {
            reader.violation("window", "must name a window defined under windows " + windows.keySet() + ", was \"" + window + "\"");
        }
        RuleConditions when = conditions(new FieldReader(reader.path("when"), reader.mapping("when", true), violations),
                reader.has("when"));
        if (id == null || tier == null || tier == Tier.NOTICE || !windows.containsKey(window) || when == null) {
            return null;
        }
        return new EscalationRule(id, tier, window, windows.get(window), when);
    }

    private String ruleId(FieldReader reader) {
        String id = reader.string("id", true);
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            reader.violation("id", "must match " + ID.pattern() + ", was \"" + id + "\"");
            return null;
        }
        if (!seenIds.add(id)) {
            reader.violation("id", "duplicate rule id \"" + id + "\"; ids must be unique");
            return null;
        }
        return id;
    }

    private static Tier missing(FieldReader reader, String field) {
        reader.violation(field, "is required");
        return null;
    }

    private RuleConditions conditions(FieldReader reader, boolean present) {
        if (!present) {
            return null;
        }
        reader.rejectUnknown(CONDITION_FIELDS);
        int before = violations.size();
        RuleConditions when = new RuleConditions(
                reader.integer("minSignals", 1, Integer.MAX_VALUE),
                reader.integer("minCountries", 1, 300),
                reader.integer("minSeverity", 1, 5),
                reader.integer("minCriticalSectors", 1, CriticalSectors.ALL.size()),
                Set.copyOf(reader.enumList("categories", Category.class)),
                reader.decimal("baselineFactor", 0.0));
        if (violations.size() > before) {
            return null;
        }
        if (when.hasNoThreshold()) {
            reader.violationHere("must set at least one of "
                    + CONDITION_FIELDS.stream().filter(f -> !f.equals("categories")).sorted().toList());
            return null;
        }
        return when;
    }
}
