package io.aegis.node.domain;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Acknowledgement;
import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.CaseComment;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.Obligation;
import io.aegis.schema.response.Vote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The events of a case as one member can tell them: derived by comparing the successive copies of
 * the case its node received (oldest first), never from the coordination centre's event log, which
 * members do not receive. Invariants: an event names only countries, officers and signals that a
 * copy named (so never more than the origins' policies let this member know); every time is one a
 * copy states ({@code openedAt}, {@code updatedAt}, an acknowledgement's, a vote's, an action's, a comment's),
 * never the reader's clock; and nothing before the first copy held is invented: when that copy is
 * not the one the case was opened with, the timeline starts with a {@link Type#HISTORY_FROM} event.
 */
public final class CaseTimeline {

    /** What happened. */
    public enum Type {
        OPENED, HISTORY_FROM, TIER_RAISED, TIER_LOWERED, COUNTRIES_JOINED, SIGNALS_ADDED, ESCALATED, ACKNOWLEDGED,
        STATE_CHANGED, ACTION_PROPOSED, VOTED, ACTION_DECIDED, OBLIGATION, RESOLVED, COMMENTED
    }

    /**
     * One event: when, what, the case's tier once it happened, who acted (when a copy names them),
     * the countries and signals it names, how many more signals or countries it counts without naming
     * them, and a sentence saying it.
     */
    public record Event(Instant at, Type type, Tier tier, String actorCountry, String actorOfficer,
                        List<String> countries, List<String> signals, int unnamed, String text) {
    }

    private CaseTimeline() {
    }

    /** The events told by {@code copies} (one case, ordered by {@code lastSequence}), oldest first; empty for none. */
    public static List<Event> derive(List<EmergencyCase> copies) {
        List<Event> events = new ArrayList<>();
        EmergencyCase previous = null;
        for (EmergencyCase copy : copies) {
            commented(previous, copy, events);
            if (previous == null) {
                events.add(first(copy));
            } else {
                between(previous, copy, events);
            }
            previous = copy;
        }
        // stable: events of one copy keep their order when times tie
        events.sort(Comparator.comparing(Event::at));
        return List.copyOf(events);
    }

    /** Whether the copy is the one the case was opened with (the opening writes both times at once). */
    public static boolean opening(EmergencyCase copy) {
        return copy.getUpdatedAt().equals(copy.getOpenedAt());
    }

    private static Event first(EmergencyCase copy) {
        List<String> countries = List.copyOf(copy.getInvolvedCountries());
        List<String> signals = List.copyOf(copy.getSignalIds());
        int unnamedCountries = Math.max(0, copy.getInvolvedCount() - countries.size());
        String who = countries(countries, unnamedCountries) + "; " + signals(signals.size(), copy.getUnnamedSignalCount());
        if (opening(copy)) {
            return event(copy.getOpenedAt(), Type.OPENED, copy, null, null, countries, signals, copy.getUnnamedSignalCount(),
                    "Case opened at " + copy.getTier() + ": " + who);
        }
        return event(copy.getUpdatedAt(), Type.HISTORY_FROM, copy, null, null, countries, signals, copy.getUnnamedSignalCount(),
                "History held from " + copy.getUpdatedAt() + " (this node received no earlier copy): " + copy.getState()
                        + " at " + copy.getTier() + ", " + who + ", escalation level " + copy.getEscalationLevel());
    }

    private static void between(EmergencyCase before, EmergencyCase after, List<Event> out) {
        Instant at = after.getUpdatedAt();
        if (after.getTier() != before.getTier()) {
            boolean raised = after.getTier().ordinal() > before.getTier().ordinal();
            out.add(event(at, raised ? Type.TIER_RAISED : Type.TIER_LOWERED, after, null, null, List.of(), List.of(), 0,
                    "Tier " + (raised ? "raised" : "lowered") + " from " + before.getTier() + " to " + after.getTier()
                            + (after.getReason().isBlank() ? "" : ": " + after.getReason())));
        }
        joined(before, after, out);
        added(before, after, out);
        if (after.getEscalationLevel() != before.getEscalationLevel()) {
            int level = after.getEscalationLevel();
            String to = level == 0 ? "primary officers (new acknowledgement round)" : level == 1 ? "backup officers" : "roster level " + level;
            out.add(event(at, Type.ESCALATED, after, null, null, List.of(), List.of(), 0, "Re-escalated to " + to));
        }
        acknowledged(before, after, out);
        actions(before, after, out);
        obligations(before, after, out);
        if (after.getState() != before.getState()) {
            if (after.getState() == CaseState.RESOLVED) {
                out.add(event(at, Type.RESOLVED, after, null, null, List.of(), List.of(), 0,
                        "Resolved" + (after.getResolution() == null ? "" : ": " + after.getResolution())));
            } else if (after.getState() != CaseState.ACKNOWLEDGED) {
                out.add(event(at, Type.STATE_CHANGED, after, null, null, List.of(), List.of(), 0,
                        "State changed from " + before.getState() + " to " + after.getState()));
            }
        }
    }

    private static void joined(EmergencyCase before, EmergencyCase after, List<Event> out) {
        List<String> named = after.getInvolvedCountries().stream().filter(c -> !before.getInvolvedCountries().contains(c)).toList();
        int counted = Math.max(0, (after.getInvolvedCount() - after.getInvolvedCountries().size())
                - (before.getInvolvedCount() - before.getInvolvedCountries().size()));
        if (!named.isEmpty() || counted > 0) {
            out.add(event(after.getUpdatedAt(), Type.COUNTRIES_JOINED, after, null, null, named, List.of(), counted,
                    "Joined: " + countries(named, counted)));
        }
    }

    private static void added(EmergencyCase before, EmergencyCase after, List<Event> out) {
        List<String> named = after.getSignalIds().stream().filter(s -> !before.getSignalIds().contains(s)).toList();
        int counted = Math.max(0, after.getUnnamedSignalCount() - before.getUnnamedSignalCount());
        if (!named.isEmpty() || counted > 0) {
            out.add(event(after.getUpdatedAt(), Type.SIGNALS_ADDED, after, null, null, List.of(), named, counted,
                    "Added " + signals(named.size(), counted)));
        }
    }

    private static void acknowledged(EmergencyCase before, EmergencyCase after, List<Event> out) {
        for (Acknowledgement ack : after.getAcknowledgements()) {
            if (!before.getAcknowledgements().contains(ack)) {
                out.add(event(ack.getAt(), Type.ACKNOWLEDGED, after, ack.getCountry(), ack.getOfficerId(), List.of(ack.getCountry()),
                        List.of(), 0, "Acknowledged by " + ack.getCountry() + " (" + ack.getOfficerId() + ")"));
            }
        }
    }

    /**
     * The comments a copy carries that the previous one did not (every comment of the first copy held:
     * each is dated, and the copy states it). A case keeps its latest comments only, so one dropped
     * from the copy is not a new event.
     */
    private static void commented(EmergencyCase before, EmergencyCase after, List<Event> out) {
        List<CaseComment> earlier = before == null ? List.of() : before.getComments();
        for (CaseComment comment : after.getComments()) {
            if (!earlier.contains(comment)) {
                out.add(event(comment.getAt(), Type.COMMENTED, after, comment.getCountry(), comment.getOfficerId(),
                        List.of(comment.getCountry()), List.of(), 0,
                        comment.getCountry() + " (" + comment.getOfficerId() + ") commented: " + comment.getText()));
            }
        }
    }

    private static void actions(EmergencyCase before, EmergencyCase after, List<Event> out) {
        Map<String, JointAction> earlier = before.getActions().stream()
                .collect(Collectors.toMap(JointAction::getActionId, Function.identity(), (a, b) -> b));
        for (JointAction action : after.getActions()) {
            JointAction was = earlier.get(action.getActionId());
            if (was == null) {
                out.add(event(action.getProposedAt(), Type.ACTION_PROPOSED, after, action.getProposedByCountry(), action.getProposedBy(),
                        List.of(action.getProposedByCountry()), List.of(), 0, "Proposed " + action.getType()
                                + (action.getTargetTier() == null ? "" : " to " + action.getTargetTier())
                                + " (" + action.getProposedByCountry() + ", " + action.getProposedBy() + ")"
                                + (action.getDescription().isBlank() ? "" : ": " + action.getDescription())));
            }
            List<Vote> cast = was == null ? List.of() : was.getVotes();
            for (Vote vote : action.getVotes()) {
                if (!cast.contains(vote)) {
                    out.add(event(vote.getAt(), Type.VOTED, after, vote.getCountry(), vote.getOfficerId(), List.of(vote.getCountry()),
                            List.of(), 0, vote.getCountry() + " (" + vote.getOfficerId() + ") voted " + vote.getChoice()
                                    + " on " + action.getType()));
                }
            }
            if (action.getState() != ActionState.PROPOSED && (was == null || was.getState() != action.getState())) {
                Instant at = Objects.requireNonNullElse(action.getDecidedAt(), after.getUpdatedAt());
                out.add(event(at, Type.ACTION_DECIDED, after, null, null, List.of(), List.of(), 0,
                        action.getType() + " " + action.getState().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
    }

    private static void obligations(EmergencyCase before, EmergencyCase after, List<Event> out) {
        Map<String, Obligation> earlier = before.getObligations().stream()
                .collect(Collectors.toMap(Obligation::getId, Function.identity(), (a, b) -> b));
        for (Obligation clock : after.getObligations()) {
            Obligation was = earlier.get(clock.getId());
            if (was != null && was.getState() == clock.getState()) {
                continue;
            }
            String what = was == null ? "started, due " + clock.getDueAt() : "now " + clock.getState();
            List<String> country = clock.getCountry() == null ? List.of() : List.of(clock.getCountry());
            out.add(event(after.getUpdatedAt(), Type.OBLIGATION, after, null, null, country, List.of(), 0,
                    "Obligation \"" + clock.getDescription() + "\"" + (country.isEmpty() ? "" : " of " + country.get(0)) + " " + what));
        }
    }

    private static Event event(Instant at, Type type, EmergencyCase copy, String actorCountry, String actorOfficer,
                               List<String> countries, List<String> signals, int unnamed, String text) {
        return new Event(at, type, copy.getTier(), actorCountry, actorOfficer, List.copyOf(countries), List.copyOf(signals), unnamed, text);
    }

    private static String countries(List<String> named, int unnamed) {
        String names = named.isEmpty() ? "" : String.join(", ", named);
        if (unnamed == 0) {
            return names.isEmpty() ? "no country named" : names;
        }
        return (names.isEmpty() ? "" : names + " and ") + unnamed + " countr" + (unnamed == 1 ? "y" : "ies") + " not named to this member";
    }

    private static String signals(int named, int unnamed) {
        String text = named + " signal" + (named == 1 ? "" : "s") + " named";
        return unnamed == 0 ? text : text + ", " + unnamed + " more counted but not named to this member";
    }
}
