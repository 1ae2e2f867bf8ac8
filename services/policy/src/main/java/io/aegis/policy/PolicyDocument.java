package io.aegis.policy;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.PolicyRule;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses a sharing policy written in YAML or JSON (the format of {@code infra/policies/<CC>.yaml} and
 * of {@code PUT /api/v1/policy}) into a {@link SharingPolicy}: the one parser node, router and tools
 * share. Structural errors (unknown keys, wrong types, unknown symbols, sizes) are reported with the
 * field path; semantic checks against the member list are {@link PolicyValidator}'s. Scalars stay
 * strings ({@code NO} is Norway, see {@link PolicyYaml}). The {@code version}, {@code updatedAt} and
 * {@code updatedBy} keys are accepted (a document read back from the API carries them) but the
 * version is only a hint: the router assigns versions.
 */
public final class PolicyDocument {

    private static final Set<String> TOP_KEYS = Set.of("country", "version", "groups", "rules", "coordination", "attribution", "updatedAt", "updatedBy");
    /** Most rules a policy may hold, and most entries of any list in it. */
    public static final int MAX_RULES = 500;
    public static final int MAX_LIST = 250;
    private static final Set<String> RULE_KEYS = Set.of(
            "id", "effect", "to", "except", "tlp", "categories", "sectors", "minSeverity", "maxSeverity", "fields", "delay");

    private final List<Violation> violations = new ArrayList<>();

    private PolicyDocument() {
    }

    public static SharingPolicy parse(String text, Instant updatedAt, String updatedBy) {
        Object root = PolicyYaml.load(text);
        if (!(root instanceof Map<?, ?> doc)) {
            throw new PolicyValidationException("$", "a policy must be a mapping with country, groups, rules, coordination, attribution");
        }
        PolicyDocument parser = new PolicyDocument();
        SharingPolicy policy = parser.policy(doc, updatedAt, updatedBy);
        if (!parser.violations.isEmpty()) {
            throw new PolicyValidationException(parser.violations);
        }
        return policy;
    }

    private SharingPolicy policy(Map<?, ?> doc, Instant updatedAt, String updatedBy) {
        unknownKeys("", doc, TOP_KEYS);
        Object version = doc.get("version");
        if (version != null && !(version instanceof Integer)) {
            violations.add(new Violation("version", "must be an integer"));
        }
        List<PolicyRule> rules = new ArrayList<>();
        List<?> rawRules = list("rules", doc.get("rules"), MAX_RULES);
        for (int i = 0; i < rawRules.size(); i++) {
            if (rawRules.get(i) instanceof Map<?, ?> rule) {
                rules.add(rule("rules[" + i + "]", rule));
            } else {
                violations.add(new Violation("rules[" + i + "]", "must be a mapping"));
            }
        }
        return SharingPolicy.newBuilder()
                .setCountry(text("country", doc.get("country"), true))
                .setVersion(version instanceof Integer v ? v : 0)
                .setUpdatedAt(updatedAt)
                .setUpdatedBy(updatedBy)
                .setGroups(groups(doc.get("groups")))
                .setRules(rules)
                .setCoordination(enumValue("coordination", doc.get("coordination"), CoordinationLevel::valueOf, CoordinationLevel.HASHED))
                .setAttribution(enumValue("attribution", doc.get("attribution"), Attribution::valueOf, Attribution.COUNTRY))
                .build();
    }

    private PolicyRule rule(String field, Map<?, ?> raw) {
        unknownKeys(field + ".", raw, RULE_KEYS);
        return PolicyRule.newBuilder()
                .setId(text(field + ".id", raw.get("id"), true))
                .setEffect(effect(field + ".effect", raw.get("effect")))
                .setTo(strings(field + ".to", raw.get("to")))
                .setExcept(strings(field + ".except", raw.get("except")))
                .setTlp(enums(field + ".tlp", raw.get("tlp"), PolicyDocument::tlp))
                .setCategories(enums(field + ".categories", raw.get("categories"), Category::valueOf))
                .setSectors(enums(field + ".sectors", raw.get("sectors"), Sector::valueOf))
                .setMinSeverity(integer(field + ".minSeverity", raw.get("minSeverity")))
                .setMaxSeverity(integer(field + ".maxSeverity", raw.get("maxSeverity")))
                .setFields(strings(field + ".fields", raw.get("fields")))
                .setDelay(raw.get("delay") == null ? null : text(field + ".delay", raw.get("delay"), true))
                .build();
    }

    private static Tlp tlp(String label) {
        return TlpLabels.parse(label).orElseThrow(() -> new IllegalArgumentException("one of " + TlpLabels.ALLOWED));
    }

    private RuleEffect effect(String field, Object raw) {
        RuleEffect effect = enumValue(field, raw, RuleEffect::valueOf, null);
        if (raw == null) {
            violations.add(new Violation(field, "is required; one of ALLOW, DENY, REDACT, DELAY"));
        }
        return effect == null ? RuleEffect.DENY : effect;
    }

    private Map<String, List<String>> groups(Object raw) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((name, countries) -> groups.put(String.valueOf(name), strings("groups." + name, countries)));
        } else if (raw != null) {
            violations.add(new Violation("groups", "must be a mapping of group name to a list of countries"));
        }
        return groups;
    }

    private void unknownKeys(String prefix, Map<?, ?> map, Set<String> allowed) {
        map.keySet().stream().map(String::valueOf).filter(k -> !allowed.contains(k)).sorted()
                .forEach(k -> violations.add(new Violation(prefix + k, "unknown field; allowed: " + new java.util.TreeSet<>(allowed))));
    }

    private String text(String field, Object raw, boolean required) {
        if (raw == null || String.valueOf(raw).isBlank()) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
            return "";
        }
        if (raw instanceof Map || raw instanceof List) {
            violations.add(new Violation(field, "must be a string"));
            return "";
        }
        return String.valueOf(raw);
    }

    private Integer integer(String field, Object raw) {
        if (raw == null || raw instanceof Integer) {
            return (Integer) raw;
        }
        violations.add(new Violation(field, "must be an integer, was '" + raw + "'"));
        return null;
    }

    /** The list under {@code field}, at most {@code max} entries (the rest is a violation, not read). */
    private List<?> list(String field, Object raw, int max) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?> list) {
            if (list.size() > max) {
                violations.add(new Violation(field, "at most " + max + " entries, was " + list.size()));
                return list.subList(0, max);
            }
            return list;
        }
        violations.add(new Violation(field, "must be a list"));
        return List.of();
    }

    private List<String> strings(String field, Object raw) {
        List<String> result = new ArrayList<>();
        List<?> items = list(field, raw, MAX_LIST);
        for (int i = 0; i < items.size(); i++) {
            result.add(text(field + "[" + i + "]", items.get(i), true));
        }
        return result;
    }

    private <E> List<E> enums(String field, Object raw, Function<String, E> parse) {
        List<E> result = new ArrayList<>();
        List<String> names = strings(field, raw);
        for (int i = 0; i < names.size(); i++) {
            E value = enumValue(field + "[" + i + "]", names.get(i), parse, null);
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    private <E> E enumValue(String field, Object raw, Function<String, E> parse, E fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            return parse.apply(String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "unknown value '" + raw + "'" + (e.getMessage() != null && e.getMessage().startsWith("one of ")
                    ? "; " + e.getMessage() : "")));
            return fallback;
        }
    }
}
