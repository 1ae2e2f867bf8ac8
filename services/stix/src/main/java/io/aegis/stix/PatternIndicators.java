package io.aegis.stix;

import io.aegis.schema.common.IndicatorType;
import io.aegis.stix.StixPattern.Combined;
import io.aegis.stix.StixPattern.Comparison;
import io.aegis.stix.StixPattern.Exists;
import io.aegis.stix.StixPattern.Joined;
import io.aegis.stix.StixPattern.ObjectPath;
import io.aegis.stix.StixPattern.Observation;
import io.aegis.stix.StixPattern.Qualified;
import io.aegis.stix.StixPattern.Simple;
import io.aegis.stix.StixPattern.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Between Aegis indicators and STIX patterns. Seven Aegis types have a STIX observable shape
 * ({@code [domain-name:value = '…']} and the like); the mappable patterns are exactly one observation,
 * without qualifier, whose comparisons are equality tests of those shapes against string literals,
 * joined by OR (each becomes one indicator). Everything else that parses is "valid but unmappable".
 */
public final class PatternIndicators {

    /** One indicator read from a pattern. */
    public record Found(IndicatorType type, String value) {
    }

    /** Either the indicators of a pattern, or why Aegis cannot map it. */
    public record Mapping(List<Found> indicators, String unmappable) {
        public boolean mapped() {
            return unmappable == null;
        }
    }

    private record Shape(String objectType, List<Object> steps) {
    }

    private static final Map<IndicatorType, Shape> SHAPES = new EnumMap<>(Map.of(
            IndicatorType.DOMAIN, new Shape("domain-name", List.of("value")),
            IndicatorType.URL, new Shape("url", List.of("value")),
            IndicatorType.IPV4, new Shape("ipv4-addr", List.of("value")),
            IndicatorType.IPV6, new Shape("ipv6-addr", List.of("value")),
            IndicatorType.SHA256, new Shape("file", List.of("hashes", "SHA-256")),
            IndicatorType.MD5, new Shape("file", List.of("hashes", "MD5")),
            IndicatorType.EMAIL, new Shape("email-addr", List.of("value"))));

    private PatternIndicators() {
    }

    /** The STIX pattern of an Aegis indicator, or empty for the AI-specific types STIX has no observable for. */
    public static Optional<String> pattern(IndicatorType type, String value) {
        Shape shape = SHAPES.get(type);
        if (shape == null) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder(shape.objectType()).append(':').append(shape.steps().get(0));
        if (shape.steps().size() > 1) {
            String key = (String) shape.steps().get(1);
            path.append('.').append(key.contains("-") ? StixPattern.quote(key) : key);
        }
        return Optional.of("[" + path + " = " + StixPattern.quote(value) + "]");
    }

    /** The indicators of a parsed pattern, or why it cannot be mapped. */
    public static Mapping map(Observation pattern) {
        if (pattern instanceof Qualified q) {
            return refuse("the qualifier " + q.qualifier() + " has no Aegis field");
        }
        if (pattern instanceof Combined c) {
            return refuse("observation expressions joined by " + c.operator()
                    + " (Aegis indicators are single observations)");
        }
        List<Found> found = new ArrayList<>();
        String problem = collect(((Simple) pattern).comparison(), found);
        return problem == null ? new Mapping(List.copyOf(found), null) : refuse(problem);
    }

    private static String collect(Comparison comparison, List<Found> found) {
        if (comparison instanceof Joined j) {
            if (j.operator().equals("AND")) {
                return "comparisons joined by AND (Aegis indicators match on their own)";
            }
            String left = collect(j.left(), found);
            return left != null ? left : collect(j.right(), found);
        }
        if (comparison instanceof Exists e) {
            return "EXISTS " + e.path().objectType() + " has no Aegis indicator value";
        }
        Test t = (Test) comparison;
        if (t.negated() || !t.operator().equals("=")) {
            return "operator " + (t.negated() ? "NOT " : "") + t.operator() + " (Aegis maps only '=')";
        }
        if (!t.literal().kind().equals("string")) {
            return "a " + t.literal().kind() + " literal (Aegis maps only string values)";
        }
        Optional<IndicatorType> type = typeOf(t.path());
        if (type.isEmpty()) {
            return "the object path " + describe(t.path()) + " has no Aegis indicator type";
        }
        found.add(new Found(type.get(), t.literal().value()));
        return null;
    }

    private static Optional<IndicatorType> typeOf(ObjectPath path) {
        List<Object> steps = path.steps().stream()
                .map(s -> s instanceof String str && path.objectType().equals("file") && path.steps().indexOf(s) == 1
                        ? normaliseHash(str) : s)
                .toList();
        return SHAPES.entrySet().stream()
                .filter(e -> e.getValue().objectType().equals(path.objectType()) && e.getValue().steps().equals(steps))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private static String normaliseHash(String key) {
        String k = key.toUpperCase(Locale.ROOT);
        return k.equals("SHA256") ? "SHA-256" : k;
    }

    private static String describe(ObjectPath path) {
        StringBuilder s = new StringBuilder(path.objectType()).append(':');
        for (int i = 0; i < path.steps().size(); i++) {
            Object step = path.steps().get(i);
            s.append(step instanceof String str ? (i > 0 ? "." : "") + str : "[" + step + "]");
        }
        return s.toString();
    }

    private static Mapping refuse(String why) {
        return new Mapping(List.of(), why);
    }
}
