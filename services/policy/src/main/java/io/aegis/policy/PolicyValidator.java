package io.aegis.policy;

import io.aegis.schema.routing.PolicyRule;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a sharing policy against the member list before it is versioned and published.
 * Reports every violation with its field path: unknown country or group, unknown redaction
 * field path, bad or missing durations, severity bounds, rules that match nobody, and
 * contradictory rules (an ALLOW and a DENY with the same scope, so the ALLOW can never apply).
 */
public final class PolicyValidator {

    /** Longest embargo a DELAY rule may ask for. */
    public static final Duration MAX_DELAY = Duration.ofDays(30);
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Members members;

    public PolicyValidator(Members members) {
        this.members = Objects.requireNonNull(members, "members");
    }

    /** Throws {@link PolicyValidationException} listing every violation, or returns the policy unchanged. */
    public SharingPolicy requireValid(SharingPolicy policy) {
        List<Violation> violations = validate(policy);
        if (!violations.isEmpty()) {
            throw new PolicyValidationException(violations);
        }
        return policy;
    }

    public List<Violation> validate(SharingPolicy policy) {
        List<Violation> out = new ArrayList<>();
        String origin = policy.getCountry();
        if (!members.contains(origin)) {
            out.add(new Violation("country", "unknown country '" + origin + "' (not in the member list)"));
        }
        if (policy.getVersion() < 0) {
            out.add(new Violation("version", "must be >= 0"));
        }
        policy.getGroups().forEach((name, countries) -> Members.checkGroup("groups." + name, name, countries, members.codes(), out));
        Map<String, Integer> ids = new HashMap<>();
        List<PolicyRule> rules = policy.getRules();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            String field = "rules[" + i + "]";
            Integer previous = ids.putIfAbsent(rule.getId(), i);
            if (previous != null) {
                out.add(new Violation(field + ".id", "duplicate rule id '" + rule.getId() + "' (also rules[" + previous + "])"));
            } else if (!RULE_ID.matcher(rule.getId()).matches()) {
                out.add(new Violation(field + ".id", "rule id must match " + RULE_ID.pattern()));
            }
            checkRule(field, rule, policy, out);
        }
        checkContradictions(rules, out);
        return out;
    }

    private void checkRule(String field, PolicyRule rule, SharingPolicy policy, List<Violation> out) {
        if (rule.getTo().isEmpty()) {
            out.add(new Violation(field + ".to", "must name at least one destination (\"*\", a country, or \"group:<name>\")"));
        }
        checkTargets(field + ".to", rule.getTo(), policy, out);
        checkTargets(field + ".except", rule.getExcept(), policy, out);
        checkSeverity(field, rule, out);
        checkFields(field, rule, out);
        checkDelay(field, rule, out);
        Set<String> reach = members.expand(rule.getTo(), policy.getGroups());
        reach.removeAll(members.expand(rule.getExcept(), policy.getGroups()));
        reach.remove(policy.getCountry());
        if (!rule.getTo().isEmpty() && reach.isEmpty()) {
            out.add(new Violation(field + ".to", "rule '" + rule.getId() + "' matches no destination (after except and the origin itself)"));
        }
    }

    private void checkTargets(String field, List<String> targets, SharingPolicy policy, List<Violation> out) {
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            String at = field + "[" + i + "]";
            if ("*".equals(target)) {
                continue;
            }
            if (target.startsWith("group:")) {
                String name = target.substring("group:".length());
                if (!policy.getGroups().containsKey(name) && !members.groups().containsKey(name)) {
                    out.add(new Violation(at, "unknown group '" + name + "' (define it under groups or in members.yaml)"));
                }
            } else if (!members.contains(target)) {
                out.add(new Violation(at, "unknown country '" + target + "' (expected \"*\", a member code, or \"group:<name>\")"));
            } else if (target.equals(policy.getCountry()) && field.endsWith(".to")) {
                out.add(new Violation(at, "the origin country " + target + " cannot be a destination of its own policy"));
            }
        }
    }

    private static void checkSeverity(String field, PolicyRule rule, List<Violation> out) {
        Integer min = rule.getMinSeverity();
        Integer max = rule.getMaxSeverity();
        if (min != null && (min < 1 || min > 5)) {
            out.add(new Violation(field + ".minSeverity", "must be within 1..5, was " + min));
        }
        if (max != null && (max < 1 || max > 5)) {
            out.add(new Violation(field + ".maxSeverity", "must be within 1..5, was " + max));
        }
        if (min != null && max != null && min > max) {
            out.add(new Violation(field + ".minSeverity", "rule '" + rule.getId() + "' is contradictory: minSeverity " + min + " > maxSeverity " + max));
        }
    }

    private static void checkFields(String field, PolicyRule rule, List<Violation> out) {
        if (rule.getEffect() != RuleEffect.REDACT) {
            if (!rule.getFields().isEmpty()) {
                out.add(new Violation(field + ".fields", "only REDACT rules take fields; rule '" + rule.getId() + "' is " + rule.getEffect()));
            }
            return;
        }
        if (rule.getFields().isEmpty()) {
            out.add(new Violation(field + ".fields", "REDACT rule '" + rule.getId() + "' must name at least one field"));
        }
        for (int i = 0; i < rule.getFields().size(); i++) {
            int index = i;
            Redactor.check(rule.getFields().get(i)).ifPresent(msg -> out.add(new Violation(field + ".fields[" + index + "]", msg)));
        }
    }

    private static void checkDelay(String field, PolicyRule rule, List<Violation> out) {
        if (rule.getEffect() != RuleEffect.DELAY) {
            if (rule.getDelay() != null) {
                out.add(new Violation(field + ".delay", "only DELAY rules take a delay; rule '" + rule.getId() + "' is " + rule.getEffect()));
            }
            return;
        }
        if (rule.getDelay() == null) {
            out.add(new Violation(field + ".delay", "DELAY rule '" + rule.getId() + "' needs an ISO-8601 duration, e.g. PT1H"));
            return;
        }
        try {
            Duration delay = Duration.parse(rule.getDelay());
            if (delay.isNegative() || delay.isZero() || delay.compareTo(MAX_DELAY) > 0) {
                out.add(new Violation(field + ".delay", "must be a positive duration of at most " + MAX_DELAY + ", was " + rule.getDelay()));
            }
        } catch (DateTimeParseException e) {
            out.add(new Violation(field + ".delay", "'" + rule.getDelay() + "' is not an ISO-8601 duration such as PT1H or P2D"));
        }
    }

    private static void checkContradictions(List<PolicyRule> rules, List<Violation> out) {
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                PolicyRule a = rules.get(i);
                PolicyRule b = rules.get(j);
                boolean allowDeny = java.util.EnumSet.of(a.getEffect(), b.getEffect()).equals(java.util.EnumSet.of(RuleEffect.ALLOW, RuleEffect.DENY));
                if (allowDeny && sameScope(a, b)) {
                    out.add(new Violation("rules[" + j + "]", "rule '" + b.getId() + "' contradicts rule '" + a.getId()
                            + "': same destinations and filters with ALLOW and DENY, so the ALLOW can never apply"));
                }
            }
        }
    }

    private static boolean sameScope(PolicyRule a, PolicyRule b) {
        return Set.copyOf(a.getTo()).equals(Set.copyOf(b.getTo()))
                && Set.copyOf(a.getExcept()).equals(Set.copyOf(b.getExcept()))
                && Set.copyOf(a.getTlp()).equals(Set.copyOf(b.getTlp()))
                && Set.copyOf(a.getCategories()).equals(Set.copyOf(b.getCategories()))
                && Set.copyOf(a.getSectors()).equals(Set.copyOf(b.getSectors()))
                && Objects.equals(a.getMinSeverity(), b.getMinSeverity())
                && Objects.equals(a.getMaxSeverity(), b.getMaxSeverity());
    }
}
