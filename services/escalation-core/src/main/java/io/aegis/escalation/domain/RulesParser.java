package io.aegis.escalation.domain;

import io.aegis.schema.coordination.KeyKind;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Tier;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses and validates escalation rules (the format of {@code infra/escalation-rules.yaml}).
 * Either returns a complete, consistent {@link EscalationRules} or throws a
 * {@link RulesValidationException} listing every violation, each naming the rule and field.
 */
public final class RulesParser {

    static final Duration DEFAULT_GROUP_RETENTION = Duration.ofDays(30);
    static final Duration DEFAULT_RESOLUTION = Duration.ofMinutes(1);
    static final Duration DEFAULT_BASELINE_TRAILING = Duration.ofDays(7);
    static final Duration DEFAULT_BASELINE_BUCKET = Duration.ofHours(1);
    static final double DEFAULT_MINIMUM_EXPECTED = 1.0;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> TOP_LEVEL =
            Set.of("version", "windows", "correlation", "baseline", "categoryFloors", "rules");

    private RulesParser() {
    }

    /** Reads and validates the rules file at {@code path}. */
    public static EscalationRules parse(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(path.toString(), loadYaml(path.toString(), reader));
        } catch (IOException e) {
            throw new RulesValidationException(path.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
    }

    /** Validates rules given as YAML text; {@code source} names it in error messages. */
    public static EscalationRules parse(String source, String yaml) {
        return parse(source, loadYaml(source, new java.io.StringReader(yaml)));
    }

    private static Object loadYaml(String source, Reader reader) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new RulesValidationException(source, List.of("not valid YAML: " + e.getMessage()));
        }
    }

    private static EscalationRules parse(String source, Object document) {
        List<String> violations = new ArrayList<>();
        if (!(document instanceof Map<?, ?> root)) {
            throw new RulesValidationException(source, List.of("the document must be a mapping with windows and rules"));
        }
        FieldReader top = new FieldReader("", root, violations);
        top.rejectUnknown(TOP_LEVEL);
        Integer version = top.integer("version", 1, 1);
        Map<String, Duration> windows = windows(top, violations);
        CorrelationSettings correlation = correlation(top, violations, windows);
        BaselineSettings baseline = baseline(top, violations);
        Map<Category, Tier> floors = floors(top, violations);
        List<EscalationRule> rules = new RuleListParser(windows, violations).parse(top.list("rules", true));
        if (!violations.isEmpty() || (top.has("version") && version == null)) {
            throw new RulesValidationException(source, violations);
        }
        return new EscalationRules(windows, correlation, baseline, floors, rules);
    }

    private static Map<String, Duration> windows(FieldReader top, List<String> violations) {
        Map<?, ?> raw = top.mapping("windows", true);
        Map<String, Duration> windows = new LinkedHashMap<>();
        if (raw != null && raw.isEmpty()) {
            top.violation("windows", "must name at least one window, e.g. short: PT1H");
        }
        FieldReader reader = new FieldReader("windows", raw, violations);
        if (raw != null) {
            raw.keySet().forEach(name -> {
                String key = String.valueOf(name);
                if (!NAME.matcher(key).matches()) {
                    reader.violation(key, "window name must match " + NAME.pattern());
                }
                Duration length = reader.duration(key, true, null);
                if (length != null) {
                    windows.put(key, length);
                }
            });
        }
        return windows;
    }

    private static CorrelationSettings correlation(FieldReader top, List<String> violations,
                                                   Map<String, Duration> windows) {
        FieldReader reader = new FieldReader("correlation", top.mapping("correlation", false), violations);
        reader.rejectUnknown(Set.of("keys", "resolution", "groupRetention"));
        List<KeyKind> keys = reader.enumList("keys", KeyKind.class);
        if (reader.has("keys") && keys.isEmpty()) {
            reader.violation("keys", "must name at least one key kind");
        }
        Duration retention = reader.duration("groupRetention", false, DEFAULT_GROUP_RETENTION);
        Duration resolution = reader.duration("resolution", false, DEFAULT_RESOLUTION);
        Duration longest = windows.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
        Duration shortest = windows.values().stream().min(Duration::compareTo).orElse(Duration.ZERO);
        if (resolution != null && !shortest.isZero() && resolution.compareTo(shortest) > 0) {
            reader.violation("resolution", "must not be longer than the shortest window " + shortest + ", was " + resolution);
        }
        if (retention != null && retention.compareTo(longest) < 0) {
            reader.violation("groupRetention", "must be at least the longest window " + longest + ", was " + retention);
        }
        Set<KeyKind> kinds = keys.isEmpty() ? EnumSet.allOf(KeyKind.class) : EnumSet.copyOf(keys);
        return new CorrelationSettings(kinds, resolution == null ? DEFAULT_RESOLUTION : resolution,
                retention == null ? DEFAULT_GROUP_RETENTION : retention);
    }

    private static BaselineSettings baseline(FieldReader top, List<String> violations) {
        FieldReader reader = new FieldReader("baseline", top.mapping("baseline", false), violations);
        reader.rejectUnknown(Set.of("trailing", "bucket", "minimumExpected"));
        Duration trailing = reader.duration("trailing", false, DEFAULT_BASELINE_TRAILING);
        Duration bucket = reader.duration("bucket", false, DEFAULT_BASELINE_BUCKET);
        Double minimum = reader.decimal("minimumExpected", 0.0);
        if (trailing != null && bucket != null && bucket.compareTo(trailing) > 0) {
            reader.violation("bucket", "must not be longer than trailing " + trailing + ", was " + bucket);
        }
        return new BaselineSettings(
                trailing == null ? DEFAULT_BASELINE_TRAILING : trailing,
                bucket == null ? DEFAULT_BASELINE_BUCKET : bucket,
                minimum == null ? DEFAULT_MINIMUM_EXPECTED : minimum);
    }

    private static Map<Category, Tier> floors(FieldReader top, List<String> violations) {
        Map<?, ?> raw = top.mapping("categoryFloors", false);
        Map<Category, Tier> floors = new EnumMap<>(Category.class);
        FieldReader reader = new FieldReader("categoryFloors", raw, violations);
        if (raw != null) {
            raw.forEach((name, tier) -> {
                Category category = reader.enumValue(String.valueOf(name), Category.class, name);
                Tier value = reader.enumValue(String.valueOf(name), Tier.class, tier);
                if (value == Tier.NOTICE) {
                    reader.violation(String.valueOf(name), "a floor must be above NOTICE");
                } else if (category != null && value != null) {
                    floors.put(category, value);
                }
            });
        }
        return floors;
    }
}
