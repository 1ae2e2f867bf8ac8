package io.aegis.response.config;

import io.aegis.response.domain.Completion;
import io.aegis.response.domain.ObligationRule;
import io.aegis.response.domain.ObligationRule.Obligated;
import io.aegis.response.domain.ResponseSettings;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseOutcomeFlag;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the workflow rules from {@code infra/response.yaml}: open tier, acknowledgement deadlines,
 * quorums (decimals or fractions such as {@code 2/3}) and regulatory obligations. Fields left out
 * take the defaults of {@link ResponseSettings#defaults()}; anything present is validated and
 * every problem is reported at once with its field path. Every tier from {@code openTier} up must
 * have an acknowledgement deadline, so that no open case waits on nothing. The update-notification
 * interval ({@code updateNotifications.interval}) must be positive. An obligation selects cases by
 * {@code minTier}, {@code categories}, {@code sectors} (critical ones only: a case keeps no other),
 * {@code criticalInfrastructureOnly} and recorded {@code outcomes} (any of each list; left out, any
 * case), and says who is {@code obligated}: REPORTING_COUNTRIES (each its own clock; the default for
 * REPORT, and only for REPORT) or INVOLVED_COUNTRIES (one clock for the case).
 */
public final class ResponseRulesLoader {

    private static final Set<String> TOP = Set.of("openTier", "ackDeadlines", "quorum", "obligations",
            "updateNotifications");
    private static final Set<String> UPDATES = Set.of("interval");
    private static final Set<String> QUORUM = Set.of("default", "actions");
    private static final Set<String> OBLIGATION = Set.of("id", "description", "due", "dueSoon", "minTier",
            "categories", "sectors", "criticalInfrastructureOnly", "outcomes", "obligated", "completion");

    private ResponseRulesLoader() {
    }

    public static ResponseSettings load(Path file) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> root = YamlReader.load(file, problems);
        if (root == null) {
            throw new InvalidConfigException(problems);
        }
        YamlReader yaml = new YamlReader(file.toString(), problems);
        yaml.rejectUnknown(root, "", TOP);
        ResponseSettings defaults = ResponseSettings.defaults();
        Tier openTier = root.containsKey("openTier")
                ? yaml.enumValue(Tier.class, root.get("openTier"), "openTier") : defaults.openTier();
        Map<Tier, Duration> deadlines = root.containsKey("ackDeadlines")
                ? deadlines(yaml, root.get("ackDeadlines")) : defaults.ackDeadlines();
        Map<String, Object> quorum = root.containsKey("quorum") ? yaml.map(root.get("quorum"), "quorum") : Map.of();
        double defaultQuorum = defaults.defaultQuorum();
        Map<ActionType, Double> byAction = new EnumMap<>(ActionType.class);
        if (quorum != null) {
            yaml.rejectUnknown(quorum, "quorum", QUORUM);
            if (quorum.containsKey("default")) {
                defaultQuorum = fraction(yaml, quorum.get("default"), "quorum.default");
            }
            actionQuorums(yaml, quorum.get("actions"), byAction);
        }
        List<ObligationRule> obligations = root.containsKey("obligations")
                ? obligations(yaml, root.get("obligations")) : List.of();
        Duration updateInterval = root.containsKey("updateNotifications")
                ? updateInterval(yaml, root.get("updateNotifications")) : ResponseSettings.DEFAULT_UPDATE_INTERVAL;
        requireDeadlinesFromOpenTier(yaml, openTier, deadlines, root.get("ackDeadlines"));
        yaml.throwIfProblems();
        try {
            return new ResponseSettings(openTier, deadlines, defaultQuorum, byAction, obligations, updateInterval);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(List.of(file + ": " + e.getMessage()));
        }
    }

    /** {@code updateNotifications.interval}, positive; the default when left out; null after a problem. */
    private static Duration updateInterval(YamlReader yaml, Object value) {
        Map<String, Object> map = yaml.map(value, "updateNotifications");
        if (map == null) {
            return null;
        }
        yaml.rejectUnknown(map, "updateNotifications", UPDATES);
        if (!map.containsKey("interval")) {
            return ResponseSettings.DEFAULT_UPDATE_INTERVAL;
        }
        Duration interval = yaml.duration(map.get("interval"), "updateNotifications.interval");
        if (interval != null && interval.isZero()) {
            yaml.problem("updateNotifications.interval", ResponseSettings.POSITIVE_INTERVAL_RULE + ", got " + map.get("interval"));
            return null;
        }
        return interval;
    }

    private static Map<Tier, Duration> deadlines(YamlReader yaml, Object value) {
        Map<Tier, Duration> deadlines = new EnumMap<>(Tier.class);
        Map<String, Object> map = yaml.map(value, "ackDeadlines");
        if (map != null) {
            map.forEach((key, raw) -> {
                Tier tier = yaml.enumValue(Tier.class, key, "ackDeadlines." + key);
                Duration duration = yaml.duration(raw, "ackDeadlines." + key);
                if (duration != null && duration.isZero()) {
                    yaml.problem("ackDeadlines." + key, "must be a positive duration, got " + raw);
                } else if (tier != null && duration != null) {
                    deadlines.put(tier, duration);
                }
            });
        }
        return deadlines;
    }

    /**
     * Every tier from the open tier up needs an acknowledgement deadline, or a case at that tier
     * would wait on nothing. A tier written but unreadable is already reported, so not again.
     */
    private static void requireDeadlinesFromOpenTier(YamlReader yaml, Tier openTier, Map<Tier, Duration> deadlines,
                                                     Object written) {
        if (openTier == null) {
            return;
        }
        Set<?> keys = written instanceof Map<?, ?> map ? map.keySet() : Set.of();
        for (Tier tier : Tier.values()) {
            if (tier.compareTo(openTier) >= 0 && !deadlines.containsKey(tier) && !keys.contains(tier.name())) {
                yaml.problem("ackDeadlines." + tier, ResponseSettings.missingDeadlineRule(openTier));
            }
        }
    }

    private static void actionQuorums(YamlReader yaml, Object value, Map<ActionType, Double> target) {
        if (value == null) {
            return;
        }
        Map<String, Object> map = yaml.map(value, "quorum.actions");
        if (map != null) {
            map.forEach((key, raw) -> {
                ActionType type = yaml.enumValue(ActionType.class, key, "quorum.actions." + key);
                double quorum = fraction(yaml, raw, "quorum.actions." + key);
                if (type != null && quorum > 0) {
                    target.put(type, quorum);
                }
            });
        }
    }

    /** A quorum written as a decimal (0.75) or a fraction (2/3); -1 after recording a problem. */
    static double fraction(YamlReader yaml, Object value, String path) {
        String text = value == null ? "" : value.toString().trim();
        double quorum;
        try {
            int slash = text.indexOf('/');
            quorum = slash < 0 ? Double.parseDouble(text)
                    : Double.parseDouble(text.substring(0, slash).trim()) / Double.parseDouble(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            quorum = Double.NaN;
        }
        if (!(quorum > 0.0 && quorum <= 1.0)) {
            yaml.problem(path, "must be a fraction in (0, 1] written as a decimal (0.75) or a ratio (2/3), got '" + text + "'");
            return -1;
        }
        return quorum;
    }

    private static List<ObligationRule> obligations(YamlReader yaml, Object value) {
        List<ObligationRule> rules = new ArrayList<>();
        List<Object> list = yaml.list(value, "obligations");
        for (int i = 0; list != null && i < list.size(); i++) {
            String path = "obligations[" + i + "]";
            Map<String, Object> map = yaml.map(list.get(i), path);
            if (map != null) {
                obligation(yaml, map, path).ifPresent(rules::add);
            }
        }
        return rules;
    }

    /** One obligation rule; empty after recording its problems. */
    private static Optional<ObligationRule> obligation(YamlReader yaml, Map<String, Object> map, String path) {
        int before = yaml.problemCount();
        yaml.rejectUnknown(map, path, OBLIGATION);
        String id = yaml.string(map, "id", path);
        if (id != null && !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            yaml.problem(path + ".id", "must be lower-case letters, digits and '-', got '" + id + "'");
        }
        String description = yaml.string(map, "description", path);
        Duration due = yaml.duration(map.get("due"), path + ".due");
        Duration dueSoon = map.containsKey("dueSoon") ? yaml.duration(map.get("dueSoon"), path + ".dueSoon") : Duration.ZERO;
        Tier minTier = map.containsKey("minTier") ? yaml.enumValue(Tier.class, map.get("minTier"), path + ".minTier")
                : Tier.NOTICE;
        Completion completion = yaml.enumValue(Completion.class, map.get("completion"), path + ".completion");
        boolean critical = yaml.bool(map, "criticalInfrastructureOnly", path);
        Set<Category> categories = yaml.enumSet(Category.class, map, "categories", path);
        Set<Sector> sectors = yaml.enumSet(Sector.class, map, "sectors", path);
        if (!ObligationRule.CRITICAL_SECTORS.containsAll(sectors)) {
            yaml.problem(path + ".sectors", ObligationRule.sectorRule() + ", got " + sectors.stream()
                    .filter(sector -> !ObligationRule.CRITICAL_SECTORS.contains(sector)).sorted().toList());
        }
        Set<CaseOutcomeFlag> outcomes = yaml.enumSet(CaseOutcomeFlag.class, map, "outcomes", path);
        if (outcomes.contains(CaseOutcomeFlag.OTHER)) {
            yaml.problem(path + ".outcomes", "OTHER stands for flags this service does not know and is never recorded;"
                    + " select the flags officers record (DEATH, SERIOUS_HARM, WIDESPREAD,"
                    + " CRITICAL_INFRASTRUCTURE_DISRUPTION)");
        }
        Obligated obligated = map.containsKey("obligated")
                ? yaml.enumValue(Obligated.class, map.get("obligated"), path + ".obligated")
                : completion == null ? null : ObligationRule.defaultObligated(completion);
        if (obligated == Obligated.REPORTING_COUNTRIES && completion != null && completion != Completion.REPORT) {
            yaml.problem(path + ".obligated", ObligationRule.perCountryRule(completion));
        }
        if (due != null && dueSoon != null && dueSoon.compareTo(due) >= 0) {
            yaml.problem(path + ".dueSoon", "must be shorter than due (" + due + "), got " + dueSoon);
        }
        if (yaml.problemCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new ObligationRule(id, description, due, dueSoon, minTier, categories, sectors, critical,
                outcomes, obligated, completion));
    }
}
