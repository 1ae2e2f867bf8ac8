package io.aegis.escalation.domain;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.SignalDisclosure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Builds the {@link Escalation} record for a group's tier rise, and the disclosure, group and merge
 * updates of an escalated group. A tier change's id is derived from the group and the tier, so a replay of the same signals yields the same ids. COUNT_ONLY signals appear
 * in the counts and countries but never among {@code signalIds}. {@code disclosures} carries, for
 * the coordination centre only, who sent and who received each signal, so that the response service
 * can tell each member only what it may know.
 */
public final class Escalations {

    private Escalations() {
    }

    public static Escalation of(GroupState group, Tier previous, Assessment assessment, List<String> namedSignals,
                                List<SignalDisclosure> disclosures) {
        WindowStats stats = assessment.stats();
        int unnamed = stats.signalCount() - stats.countOnly() - namedSignals.size();
        String reason = assessment.reason()
                + (stats.countOnly() > 0 ? " (" + stats.countOnly() + " count-only signal(s) counted, not named)" : "")
                + (unnamed > 0 ? " (" + unnamed + " further signal(s) not listed)" : "");
        return withFigures(Escalation.newBuilder(), stats)
                .setEscalationId(escalationId(group.id(), assessment.tier()))
                .setCorrelationKey(group.id())
                .setTier(assessment.tier())
                .setPreviousTier(previous == Tier.NOTICE ? null : previous)
                .setRules(assessment.ruleIds())
                .setReason(reason)
                .setSignalIds(namedSignals)
                .setDisclosures(disclosures)
                .build();
    }

    /**
     * A disclosure update of an escalated group at its current tier (not a tier change): the changed
     * signal's new facts for the case to narrow its own with. No signals, countries or figures: it
     * adds nothing to a case. Its id is name-based on the group, signal, change and time.
     */
    public static Escalation disclosureUpdate(GroupState group, SignalDisclosure changed, String what, long at) {
        Instant now = Instant.ofEpochMilli(at);
        return update(group, group.id() + "|update|" + changed.getSignalId() + "|" + what + "|" + at,
                "signal " + changed.getSignalId() + " " + what + ": who may know it narrowed")
                .setSignalIds(List.of())
                .setCountries(List.of())
                .setCategories(List.of())
                .setCriticalSectors(List.of())
                .setMaxSeverity(0)
                .setSignalCount(0)
                .setWindow("PT0S")
                .setWindowStart(now)
                .setWindowEnd(now)
                .setEscalatedAt(now)
                .setDisclosures(List.of(changed))
                .setDisclosureUpdate(true)
                .build();
    }

    /**
     * A group update: a new signal counted in a group above NOTICE without raising its tier. Names the
     * new signal (unless COUNT_ONLY) with its facts, and the group's current figures over
     * {@code figures}' window, so its case adds the signal and any new reporting country. No rule fired:
     * {@code rules} is empty, and the reason names no country. Its id is name-based on the group and signal.
     */
    public static Escalation groupUpdate(GroupState group, WindowStats figures, Observation joined) {
        String reason = "a further " + (joined.countOnly() ? "count-only " : "") + joined.category() + " report (severity "
                + joined.severity() + ") joined the group: " + describe(figures);
        return withFigures(update(group, group.id() + "|joined|" + joined.signalId(), reason), figures)
                .setSignalIds(joined.countOnly() ? List.of() : List.of(joined.signalId()))
                .setDisclosures(List.of(Disclosures.of(joined)))
                .setGroupUpdate(true)
                .build();
    }

    /**
     * A group update naming no signal: a signal that was not counted (already held, or late beyond the
     * longest window) merged escalated groups into this one. Carries the group's current figures; the
     * engine adds {@code absorbedGroups}. Its id is name-based on the group, the absorbed groups and the figures' end.
     */
    public static Escalation mergeUpdate(GroupState group, WindowStats figures, List<String> absorbed) {
        String id = group.id() + "|absorbed|" + String.join(",", absorbed) + "|" + figures.end();
        String reason = absorbed.size() + " escalated group(s) merged into the group: " + describe(figures);
        return withFigures(update(group, id, reason), figures)
                .setSignalIds(List.of())
                .setDisclosures(List.of())
                .setGroupUpdate(true)
                .build();
    }

    /** An update of the group at its current tier (no tier change, no rule): id name-based on {@code idSource}. */
    private static Escalation.Builder update(GroupState group, String idSource, String reason) {
        return Escalation.newBuilder()
                .setEscalationId(nameBased(idSource))
                .setCorrelationKey(group.id())
                .setTier(group.tier())
                .setPreviousTier(null)
                .setRules(List.of())
                .setReason(reason);
    }

    /** The group's figures over the window of {@code stats}, which ends at the record's time. */
    private static Escalation.Builder withFigures(Escalation.Builder builder, WindowStats stats) {
        return builder
                .setCountries(List.copyOf(stats.countries()))
                .setCategories(stats.categories().stream().sorted().toList())
                .setCriticalSectors(stats.criticalSectors().stream().sorted().toList())
                .setMaxSeverity(stats.maxSeverity())
                .setSignalCount(stats.signalCount())
                .setWindow(stats.window().toString())
                .setWindowStart(Instant.ofEpochMilli(stats.start()))
                .setWindowEnd(Instant.ofEpochMilli(stats.end()))
                .setEscalatedAt(Instant.ofEpochMilli(stats.end()));
    }

    /** "5 signal(s) from 4 countries within PT24H": figures in words, naming no country. */
    private static String describe(WindowStats figures) {
        int countries = figures.countries().size();
        return figures.signalCount() + " signal(s) from " + countries + " countr" + (countries == 1 ? "y" : "ies")
                + " within " + figures.window();
    }

    private static String nameBased(String source) {
        return UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether the record announces a tier change (what rules decide), not a disclosure or group update. */
    public static boolean isTierChange(Escalation escalation) {
        return !escalation.getDisclosureUpdate() && !escalation.getGroupUpdate();
    }

    /** A name-based UUID of the group id and tier: stable across replays of the same input. */
    public static String escalationId(String groupId, Tier tier) {
        return nameBased(groupId + "|" + tier);
    }
}
