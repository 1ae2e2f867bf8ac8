package io.aegis.replay.whatif;

import io.aegis.replay.domain.TimeRange;
import io.aegis.schema.response.Escalation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two sets of escalations over a range. An escalation is identified by its correlation
 * group and the tier it reached (a group reaches each tier at most once); within the range, one
 * present on one side only is gained or lost, one present on both is earlier, later or unchanged
 * by its escalatedAt. Escalations outside the range (the warm-up) are not compared.
 */
public final class EscalationDiff {

    private EscalationDiff() {
    }

    public static WhatIfReport compare(TimeRange range, List<Escalation> actual, List<Escalation> candidate,
                                       ResponseTiming timing, String rulesName, String baselineName, int signals) {
        Map<String, Escalation> before = index(range, actual);
        Map<String, Escalation> after = index(range, candidate);
        List<Change> gained = new ArrayList<>();
        List<Change> lost = new ArrayList<>();
        List<Change> earlier = new ArrayList<>();
        List<Change> later = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, Escalation> entry : after.entrySet()) {
            Escalation was = before.get(entry.getKey());
            Escalation now = entry.getValue();
            if (was == null) {
                gained.add(change(null, now, timing));
            } else if (now.getEscalatedAt().isBefore(was.getEscalatedAt())) {
                earlier.add(change(was, now, timing));
            } else if (now.getEscalatedAt().isAfter(was.getEscalatedAt())) {
                later.add(change(was, now, timing));
            } else {
                unchanged++;
            }
        }
        before.forEach((key, was) -> {
            if (!after.containsKey(key)) {
                lost.add(change(was, null, timing));
            }
        });
        return new WhatIfReport(range.from(), range.to(), rulesName, baselineName, signals, before.size(), after.size(),
                gained, lost, earlier, later, unchanged);
    }

    private static Map<String, Escalation> index(TimeRange range, List<Escalation> escalations) {
        Map<String, Escalation> index = new LinkedHashMap<>();
        escalations.stream()
                .filter(escalation -> range.contains(escalation.getEscalatedAt()))
                .sorted(Comparator.comparing(Escalation::getEscalatedAt))
                .forEach(escalation -> index.putIfAbsent(escalation.getCorrelationKey() + "|" + escalation.getTier(), escalation));
        return index;
    }

    private static Change change(Escalation was, Escalation now, ResponseTiming timing) {
        Escalation shown = now != null ? now : was;
        long delta = was != null && now != null ? Duration.between(was.getEscalatedAt(), now.getEscalatedAt()).toSeconds() : 0;
        return new Change(shown.getCorrelationKey(), shown.getTier().name(), was == null ? null : was.getEscalatedAt(),
                now == null ? null : now.getEscalatedAt(), delta, shown.getRules(), shown.getSignalIds(),
                timing.opensCase(shown.getTier()), timing.ackDue(shown.getTier(), shown.getEscalatedAt()).orElse(null));
    }
}
