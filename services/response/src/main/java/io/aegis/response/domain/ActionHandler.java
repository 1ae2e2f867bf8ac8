package io.aegis.response.domain;

import io.aegis.response.domain.Notifier.Message;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.JointAction;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.Vote;
import io.aegis.schema.response.VoteChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Joint actions, tier lowering and resolution, all decided by quorum of the involved countries.
 * The proposer's country votes YES by proposing. Every vote and decision is a case event that
 * records who voted what; a passed LOWER_TIER lowers the tier, a passed RESOLVE_CASE resolves the
 * case and rejects whatever else was still open.
 */
final class ActionHandler {

    private final ResponseSettings settings;
    private final Notifier notifier;
    private final ObligationTracker obligations;

    ActionHandler(ResponseSettings settings, Notifier notifier, ObligationTracker obligations) {
        this.settings = settings;
        this.notifier = notifier;
        this.obligations = obligations;
    }

    void propose(Transition step, CaseCommand command, ActionType type) {
        EmergencyCase kase = step.kase();
        Actor actor = new Actor(command.getCountry(), command.getOfficerId());
        Tier target = type == ActionType.LOWER_TIER ? command.getTargetTier() : null;
        JointAction action = JointAction.newBuilder()
                .setActionId(kase.getCaseId() + ":action-" + (kase.getActions().size() + 1))
                .setType(type).setProposedByCountry(command.getCountry()).setProposedBy(command.getOfficerId())
                .setDescription(command.getText() == null ? "" : command.getText()).setTargetTier(target)
                .setState(ActionState.PROPOSED).setQuorum(settings.quorum(type))
                .setVotes(new ArrayList<>(List.of(new Vote(command.getCountry(), command.getOfficerId(), VoteChoice.YES,
                        step.now()))))
                .setProposedAt(step.now()).setDecidedAt(null)
                .build();
        kase.getActions().add(action);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("actionId", action.getActionId());
        attributes.put("actionType", type.name());
        attributes.put("quorum", Double.toString(action.getQuorum()));
        attributes.put("commandId", command.getCommandId());
        if (target != null) {
            attributes.put("targetTier", target.name());
        }
        step.record(CaseEventType.ACTION_PROPOSED, actor, command.getCountry() + " proposes " + describe(action)
                + " (counts as its YES vote)", attributes);
        if (!decide(step, action)) {
            List<String> others = kase.getInvolvedCountries().stream()
                    .filter(country -> !country.equals(command.getCountry())).toList();
            notifier.toContacts(step, others, new Message(NotificationKind.VOTE_REQUESTED,
                    command.getCountry() + " proposes " + describe(action) + ".", "vote on " + action.getActionId()
                    + " (" + type + ")", null));
        }
    }

    void vote(Transition step, CaseCommand command) {
        JointAction action = step.kase().getActions().stream()
                .filter(a -> a.getActionId().equals(command.getActionId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("validated action " + command.getActionId() + " vanished"));
        action.getVotes().add(new Vote(command.getCountry(), command.getOfficerId(), command.getVote(), step.now()));
        step.record(CaseEventType.VOTE_CAST, new Actor(command.getCountry(), command.getOfficerId()),
                command.getCountry() + " votes " + command.getVote() + " on " + describe(action),
                Map.of("actionId", action.getActionId(), "vote", command.getVote().name(),
                        "commandId", command.getCommandId()));
        decide(step, action);
    }

    /** Decides the action if its quorum is settled; true when it was decided. */
    private boolean decide(Transition step, JointAction action) {
        EmergencyCase kase = step.kase();
        ActionState state = Quorum.decide(action, kase.getInvolvedCountries());
        if (state == ActionState.PROPOSED) {
            return false;
        }
        close(step, action, state, tallyText(action, kase));
        if (state == ActionState.PASSED) {
            apply(step, action);
        }
        if (kase.getState() != CaseState.RESOLVED) {
            notifier.toContacts(step, kase.getInvolvedCountries(), new Message(NotificationKind.ACTION_DECIDED,
                    describe(action) + " " + state + " (" + tallyText(action, kase) + ").", "", null));
        }
        return true;
    }

    static void close(Transition step, JointAction action, ActionState state, String reason) {
        action.setState(state);
        action.setDecidedAt(step.now());
        String votes = action.getVotes().stream().map(v -> v.getCountry() + ":" + v.getOfficerId() + ":" + v.getChoice())
                .collect(Collectors.joining(","));
        step.record(state == ActionState.PASSED ? CaseEventType.ACTION_PASSED : CaseEventType.ACTION_REJECTED,
                Actor.SYSTEM, describe(action) + " " + state + ": " + reason,
                Map.of("actionId", action.getActionId(), "actionType", action.getType().name(), "votes", votes));
    }

    private void apply(Transition step, JointAction action) {
        EmergencyCase kase = step.kase();
        if (action.getType() == ActionType.LOWER_TIER) {
            Tier from = kase.getTier();
            kase.setTier(action.getTargetTier());
            if (kase.getState() == CaseState.OPEN) {
                // the open round goes on at the lower tier's pace: it never loses its deadline
                kase.setAckDeadline(step.now().plus(settings.ackDeadlineFor(kase.getTier())));
            }
            step.record(CaseEventType.TIER_LOWERED, Actor.SYSTEM, "Tier lowered from " + from + " to " + kase.getTier()
                    + " by vote on " + action.getActionId(), Map.of("from", from.name(), "actionId", action.getActionId()));
        } else if (action.getType() == ActionType.RESOLVE_CASE) {
            resolve(step, action);
        }
    }

    private void resolve(Transition step, JointAction action) {
        EmergencyCase kase = step.kase();
        kase.setState(CaseState.RESOLVED);
        kase.setAckDeadline(null);
        kase.setResolution(action.getDescription().isBlank() ? "resolved by vote on " + action.getActionId()
                : action.getDescription());
        step.record(CaseEventType.RESOLVED, Actor.SYSTEM, "Case resolved: " + kase.getResolution(),
                Map.of("actionId", action.getActionId()));
        for (JointAction other : kase.getActions()) {
            if (other.getState() == ActionState.PROPOSED) {
                close(step, other, ActionState.REJECTED, "case resolved before a decision");
            }
        }
        obligations.meet(step, Completion.RESOLUTION, Actor.SYSTEM);
        notifier.toContacts(step, kase.getInvolvedCountries(), new Message(NotificationKind.CASE_RESOLVED,
                "Case resolved: " + kase.getResolution() + ".", "", null));
    }

    private static String tallyText(JointAction action, EmergencyCase kase) {
        Quorum.Tally tally = Quorum.tally(action, kase.getInvolvedCountries());
        return tally.yes() + " YES, " + tally.no() + " NO, " + tally.abstain() + " ABSTAIN, " + tally.notVoted()
                + " not voted of " + tally.involved() + " countries; quorum " + String.format(java.util.Locale.ROOT, "%.4f", action.getQuorum());
    }

    static String describe(JointAction action) {
        String what = action.getType() == ActionType.LOWER_TIER
                ? "LOWER_TIER to " + action.getTargetTier() : action.getType().name();
        return what + " (" + action.getActionId() + ")";
    }
}
