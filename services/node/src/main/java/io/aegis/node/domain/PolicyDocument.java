package io.aegis.node.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.PolicyRule;
import io.aegis.schema.routing.RuleEffect;
import io.aegis.schema.routing.SharingPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A country's outbound sharing policy as submitted (YAML or JSON), checked structurally and turned
 * into the {@link SharingPolicy} contract. Invariant: {@link #parse} returns only a document whose
 * every rule has an id (unique), an effect, a non-empty {@code to}, known TLP/category/sector
 * symbols, REDACT field paths from the allowed set and a positive ISO-8601 DELAY; the version is
 * never taken from the input but assigned through {@link #toPolicy}.
 */
public record PolicyDocument(String country, Map<String, List<String>> groups, List<PolicyRule> rules,
                             CoordinationLevel coordination, Attribution attribution) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The router's rule id rule (io.aegis.router.domain.PolicyValidator), checked here first so the admin hears at once. */
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    private static final Set<String> FIELDS = Set.of("country", "groups", "rules", "coordination", "attribution",
            "version", "updatedAt", "updatedBy");
    private static final Set<String> RULE_FIELDS = Set.of("id", "effect", "to", "except", "tlp", "categories",
            "sectors", "minSeverity", "maxSeverity", "fields", "delay");
    private static final Set<String> REDACTABLE = Set.of("title", "description", "indicators", "affectedSystems",
            "atlasTechniques", "campaignId");
    private static final Pattern INDICATOR_PATH = Pattern.compile("indicators\\[type=([A-Z_0-9]+)]");

    /** Parses YAML or JSON (JSON is YAML) for the node of {@code expectedCountry}. */
    public static PolicyDocument parse(String text, String expectedCountry) {
        return fromTree(JSON.valueToTree(PolicyYaml.load(text)), expectedCountry);
    }

    /** Checks an already parsed JSON tree. */
    public static PolicyDocument fromTree(JsonNode root, String expectedCountry) {
        FieldReader in = new FieldReader();
        if (!in.isObject(root, "")) {
            throw new InvalidRequestException("invalid policy", in.violations());
        }
        in.refuseUnknown(root, "", FIELDS);
        String country = in.string(root, "", "country", true, 2).orElse(null);
        if (country != null && !country.equals(expectedCountry)) {
            in.fail("country", "must be this node's country " + expectedCountry);
        }
        Map<String, List<String>> groups = groups(in, root);
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<JsonNode> items = in.array(root, "", "rules", 500);
        for (int i = 0; i < items.size(); i++) {
            rule(in, items.get(i), "rules[" + i + "]", groups.keySet(), ids).ifPresent(rules::add);
        }
        CoordinationLevel coordination = in.enumValue(root, "", "coordination", CoordinationLevel.class, false)
                .orElse(CoordinationLevel.HASHED);
        Attribution attribution = in.enumValue(root, "", "attribution", Attribution.class, false).orElse(Attribution.COUNTRY);
        if (!in.violations().isEmpty()) {
            throw new InvalidRequestException("invalid policy", in.violations());
        }
        return new PolicyDocument(country, groups, rules, coordination, attribution);
    }

    /** The contract record of this document as version {@code version}. */
    public SharingPolicy toPolicy(int version, Instant updatedAt, String updatedBy) {
        return SharingPolicy.newBuilder().setCountry(country).setVersion(version).setUpdatedAt(updatedAt)
                .setUpdatedBy(updatedBy).setGroups(new LinkedHashMap<>(groups)).setRules(rules)
                .setCoordination(coordination).setAttribution(attribution).build();
    }

    private static Map<String, List<String>> groups(FieldReader in, JsonNode root) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        JsonNode node = root.get("groups");
        if (node == null || node.isNull()) {
            return groups;
        }
        if (!node.isObject()) {
            in.fail("groups", "must be a map of group name to country list");
            return groups;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!GROUP.matcher(name).matches()) {
                in.fail("groups." + name, "group name must be 1..50 characters of [A-Za-z0-9_-]");
            } else {
                groups.put(name, in.strings(node, "groups", name, 250, CountryCodes::check));
            }
        });
        return groups;
    }

    private static Optional<PolicyRule> rule(FieldReader in, JsonNode item, String at, Set<String> groups, Set<String> ids) {
        if (!in.isObject(item, at)) {
            return Optional.empty();
        }
        int before = in.violations().size();
        in.refuseUnknown(item, at, RULE_FIELDS);
        Optional<String> id = in.string(item, at, "id", true, 64);
        id.filter(v -> !RULE_ID.matcher(v).matches())
                .ifPresent(v -> in.fail(at + ".id", "must be 1..64 characters of [A-Za-z0-9._-], starting with a letter or digit"));
        id.filter(v -> !ids.add(v)).ifPresent(v -> in.fail(at + ".id", "duplicate rule id " + v));
        Optional<RuleEffect> effect = in.enumValue(item, at, "effect", RuleEffect.class, true);
        List<String> to = in.strings(item, at, "to", 250, d -> destination(d, groups));
        if (to.isEmpty() && in.violations().stream().noneMatch(v -> v.field().startsWith(at + ".to"))) {
            in.fail(at + ".to", "is required and must not be empty (\"*\", a country code or group:<name>)");
        }
        PolicyRule.Builder rule = PolicyRule.newBuilder().setTo(to)
                .setExcept(in.strings(item, at, "except", 250, d -> destination(d, groups)))
                .setTlp(symbols(in, item, at, "tlp", Tlp.class))
                .setCategories(symbols(in, item, at, "categories", Category.class))
                .setSectors(symbols(in, item, at, "sectors", Sector.class));
        severityBounds(in, item, at, rule);
        effect.ifPresent(e -> effectOptions(in, item, at, e, rule));
        if (in.violations().size() > before) {
            return Optional.empty();
        }
        return Optional.of(rule.setId(id.orElseThrow()).setEffect(effect.orElseThrow()).build());
    }

    private static Optional<String> destination(String value, Set<String> groups) {
        if ("*".equals(value) || CountryCodes.isValid(value)) {
            return Optional.empty();
        }
        if (value.startsWith("group:")) {
            // a group of this policy, or one of the network's (infra/members.yaml), which only the router knows:
            // it refuses an unknown one and the answer shows under GET /api/v1/policy
            String name = value.substring("group:".length());
            return groups.contains(name) || GROUP.matcher(name).matches() ? Optional.empty()
                    : Optional.of("group name must be 1..50 characters of [A-Za-z0-9_-]");
        }
        return Optional.of("must be \"*\", an ISO 3166-1 alpha-2 country code or group:<name>");
    }

    private static <E extends Enum<E>> List<E> symbols(FieldReader in, JsonNode item, String at, String name, Class<E> type) {
        List<E> values = new ArrayList<>();
        List<String> labels = in.strings(item, at, name, 50, v -> Optional.empty());
        for (int i = 0; i < labels.size(); i++) {
            String field = at + "." + name + "[" + i + "]";
            if (type == Tlp.class) {
                Optional<Tlp> tlp = TlpNames.parse(labels.get(i));
                tlp.ifPresentOrElse(t -> values.add(type.cast(t)), () -> in.fail(field, "must be one of " + TlpNames.ALLOWED));
            } else {
                in.symbol(field, labels.get(i), type).ifPresent(values::add);
            }
        }
        return values;
    }

    private static void severityBounds(FieldReader in, JsonNode item, String at, PolicyRule.Builder rule) {
        Integer min = item.has("minSeverity") ? in.integer(item, at, "minSeverity", 1, 5).orElse(null) : null;
        Integer max = item.has("maxSeverity") ? in.integer(item, at, "maxSeverity", 1, 5).orElse(null) : null;
        if (min != null && max != null && min > max) {
            in.fail(at + ".minSeverity", "must not be greater than maxSeverity");
        }
        rule.setMinSeverity(min).setMaxSeverity(max);
    }

    private static void effectOptions(FieldReader in, JsonNode item, String at, RuleEffect effect, PolicyRule.Builder rule) {
        List<String> fields = in.strings(item, at, "fields", 50, PolicyDocument::redactablePath);
        if (effect == RuleEffect.REDACT && fields.isEmpty() && !item.has("fields")) {
            in.fail(at + ".fields", "is required for a REDACT rule");
        } else if (effect != RuleEffect.REDACT && item.has("fields")) {
            in.fail(at + ".fields", "is only allowed on a REDACT rule");
        }
        rule.setFields(fields);
        Optional<String> delay = in.string(item, at, "delay", effect == RuleEffect.DELAY, 40);
        if (effect != RuleEffect.DELAY && delay.isPresent()) {
            in.fail(at + ".delay", "is only allowed on a DELAY rule");
        }
        delay.filter(d -> effect == RuleEffect.DELAY).ifPresent(d -> {
            try {
                if (Duration.parse(d).isNegative() || Duration.parse(d).isZero()) {
                    in.fail(at + ".delay", "must be a positive ISO-8601 duration such as PT1H");
                }
            } catch (DateTimeParseException e) {
                in.fail(at + ".delay", "must be an ISO-8601 duration such as PT1H");
            }
        });
        rule.setDelay(delay.orElse(null));
    }

    private static Optional<String> redactablePath(String path) {
        if (REDACTABLE.contains(path)) {
            return Optional.empty();
        }
        var matcher = INDICATOR_PATH.matcher(path);
        if (matcher.matches() && java.util.Arrays.stream(IndicatorType.values()).anyMatch(t -> t.name().equals(matcher.group(1)))) {
            return Optional.empty();
        }
        return Optional.of("must be one of title, description, indicators, indicators[type=<IndicatorType>], "
                + "affectedSystems, atlasTechniques, campaignId");
    }
}
