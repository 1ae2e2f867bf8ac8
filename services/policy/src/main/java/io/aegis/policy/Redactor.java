package io.aegis.policy;

import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.signal.SignalContent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes named fields from a signal's content. The supported paths are the whole vocabulary of
 * REDACT rules; anything else is rejected by {@link #check(String)}. Redaction never mutates its input.
 */
public final class Redactor {

    /** Whole-field paths a REDACT rule may name. */
    public static final Set<String> FIELDS =
            Set.of("title", "description", "indicators", "affectedSystems", "atlasTechniques", "campaignId", "recipients");
    private static final Pattern INDICATOR_TYPE = Pattern.compile("indicators\\[type=([A-Z0-9_]+)]");

    private Redactor() {
    }

    /** Empty when {@code path} is a valid redaction path, otherwise the reason it is not. */
    public static Optional<String> check(String path) {
        if (path == null || FIELDS.contains(path)) {
            return path == null ? Optional.of("field path must not be null") : Optional.empty();
        }
        Matcher m = INDICATOR_TYPE.matcher(path);
        if (m.matches()) {
            return indicatorType(m.group(1)).isPresent()
                    ? Optional.empty()
                    : Optional.of("unknown indicator type '" + m.group(1) + "' in field path '" + path + "'");
        }
        return Optional.of("unknown field path '" + path + "'; expected one of " + new java.util.TreeSet<>(FIELDS)
                + " or indicators[type=<IndicatorType>]");
    }

    /** A copy of {@code content} without the given fields; unknown paths are ignored (validated earlier). */
    public static SignalContent apply(SignalContent content, Collection<String> paths) {
        if (paths.isEmpty()) {
            return content;
        }
        SignalContent.Builder copy = SignalContent.newBuilder(content);
        List<Indicator> indicators = new ArrayList<>(content.getIndicators());
        for (String path : paths) {
            switch (path) {
                case "title" -> copy.setTitle("");
                case "description" -> copy.setDescription(null);
                case "indicators" -> indicators.clear();
                case "affectedSystems" -> copy.setAffectedSystems(List.of());
                case "atlasTechniques" -> copy.setAtlasTechniques(List.of());
                case "campaignId" -> copy.setCampaignId(null);
                case "recipients" -> copy.setRecipients(List.of());
                default -> removeIndicatorType(indicators, path);
            }
        }
        copy.setIndicators(indicators);
        return copy.build();
    }

    private static void removeIndicatorType(List<Indicator> indicators, String path) {
        Matcher m = INDICATOR_TYPE.matcher(path);
        if (m.matches()) {
            indicatorType(m.group(1)).ifPresent(type -> indicators.removeIf(i -> i.getType() == type));
        }
    }

    private static Optional<IndicatorType> indicatorType(String name) {
        for (IndicatorType type : IndicatorType.values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
