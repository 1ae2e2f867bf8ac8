package io.aegis.response.domain;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionState;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.JointAction;
import java.util.Optional;

/**
 * The rules a duty officer's command must meet before it touches a case. Each answer names the
 * field and the rule that failed. The country a command speaks for must be the country of the
 * topic it arrived on (topic ACLs prove that origin) and must take part in the case.
 */
final class CommandValidator {

    static final int MAX_TEXT = 4000;

    private CommandValidator() {
    }

    static Optional<String> problem(EmergencyCase kase, CaseCommand command, String topicCountry, ResponseSettings settings) {
        if (!command.getCountry().equals(topicCountry)) {
            return Optional.of("country: command speaks for " + command.getCountry() + " but arrived on the commands topic of "
                    + topicCountry + "; a node may only command for its own country");
        }
        if (command.getOfficerId().isBlank()) {
            return Optional.of("officerId: must not be blank");
        }
        if (!kase.getInvolvedCountries().contains(command.getCountry())) {
            // the involved countries are not listed: that would name reporters the sender may not know
            return Optional.of("country: " + command.getCountry() + " does not take part in case " + kase.getCaseId());
        }
        if (kase.getState() == CaseState.RESOLVED && command.getType() != CommandType.COMMENT) {
            return Optional.of("type: case " + kase.getCaseId() + " is resolved; only COMMENT is accepted");
        }
        if (command.getText() != null && command.getText().length() > MAX_TEXT) {
            return Optional.of("text: must be at most " + MAX_TEXT + " characters, got " + command.getText().length());
        }
        return switch (command.getType()) {
            case ACKNOWLEDGE -> acknowledge(kase, command);
            case COMMENT -> command.getText() == null || command.getText().isBlank()
                    ? Optional.of("text: is required for COMMENT") : OutcomeTag.problem(command.getText());
            case PROPOSE_ACTION -> propose(command);
            case VOTE -> vote(kase, command);
            case RESOLVE -> pending(kase, ActionType.RESOLVE_CASE)
                    .map(id -> "type: a resolution is already proposed as action " + id + "; vote on it");
            case LOWER_TIER -> lowerTier(kase, command, settings.ackFloor());
        };
    }

    private static Optional<String> acknowledge(EmergencyCase kase, CaseCommand command) {
        boolean done = kase.getAcknowledgements().stream().anyMatch(ack -> ack.getCountry().equals(command.getCountry()));
        return done ? Optional.of("type: " + command.getCountry() + " has already acknowledged case " + kase.getCaseId()
                + " at tier " + kase.getTier()) : Optional.empty();
    }

    private static Optional<String> propose(CaseCommand command) {
        ActionType type = command.getActionType();
        if (type == null) {
            return Optional.of("actionType: is required for PROPOSE_ACTION");
        }
        if (type == ActionType.LOWER_TIER || type == ActionType.RESOLVE_CASE) {
            return Optional.of("actionType: " + type + " is proposed with the " + (type == ActionType.LOWER_TIER
                    ? "LOWER_TIER" : "RESOLVE") + " command, not PROPOSE_ACTION");
        }
        return Optional.empty();
    }

    private static Optional<String> vote(EmergencyCase kase, CaseCommand command) {
        if (command.getActionId() == null) {
            return Optional.of("actionId: is required for VOTE");
        }
        if (command.getVote() == null) {
            return Optional.of("vote: is required for VOTE (YES, NO or ABSTAIN)");
        }
        Optional<JointAction> action = kase.getActions().stream()
                .filter(a -> a.getActionId().equals(command.getActionId())).findFirst();
        if (action.isEmpty()) {
            return Optional.of("actionId: case " + kase.getCaseId() + " has no action " + command.getActionId());
        }
        if (action.get().getState() != ActionState.PROPOSED) {
            return Optional.of("actionId: action " + command.getActionId() + " is already " + action.get().getState());
        }
        boolean voted = action.get().getVotes().stream().anyMatch(v -> v.getCountry().equals(command.getCountry()));
        return voted ? Optional.of("vote: " + command.getCountry() + " has already voted on action " + command.getActionId())
                : Optional.empty();
    }

    /**
     * A case is lowered only to a tier that still has an acknowledgement deadline (it would
     * otherwise stall silently), and one lowering at a time: two pending ones could pass in either
     * order, and the later one would then raise the tier under the name of lowering it.
     */
    private static Optional<String> lowerTier(EmergencyCase kase, CaseCommand command, Tier floor) {
        Tier target = command.getTargetTier();
        if (target == null) {
            return Optional.of("targetTier: is required for LOWER_TIER");
        }
        if (target.compareTo(kase.getTier()) >= 0) {
            return Optional.of("targetTier: must be below the case tier " + kase.getTier() + ", got " + target);
        }
        if (target.compareTo(floor) < 0) {
            return Optional.of("targetTier: must be " + floor + " or above, the lowest tier from which every tier has an"
                    + " acknowledgement deadline (ackDeadlines), so that the case cannot stall; to close the case propose"
                    + " RESOLVE; got " + target);
        }
        return pending(kase, ActionType.LOWER_TIER)
                .map(id -> "type: a tier lowering is already proposed as action " + id + "; vote on it");
    }

    private static Optional<String> pending(EmergencyCase kase, ActionType type) {
        return kase.getActions().stream()
                .filter(a -> a.getType() == type && a.getState() == ActionState.PROPOSED)
                .map(JointAction::getActionId).findFirst();
    }
}
