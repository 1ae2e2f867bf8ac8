package io.aegis.response.domain;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Acknowledgement;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseComment;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseOutcomeFlag;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.response.Obligation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a duty officer's command to a case. A command that breaks a rule changes nothing but
 * the audit trail: it becomes a COMMAND_REJECTED event naming the field and the rule, and the
 * officer who sent it is told why. A command for a case that does not exist is answered to its
 * officer only, since there is no case to record it on. A comment may carry a tag: {@code #<obligation
 * id>} records a filed report (meeting the sender country's clock), {@code #outcome:<flag>} records an
 * outcome on the case ({@link OutcomeTag}), which starts the clocks whose rules now select it.
 */
final class CommandHandler {

    /** Comments a case keeps (the latest); every one stays on the case events. */
    static final int MAX_COMMENTS = 200;

    private final ResponseSettings settings;
    private final ActionHandler actions;
    private final ObligationTracker obligations;

    CommandHandler(ResponseSettings settings, ActionHandler actions, ObligationTracker obligations) {
        this.settings = settings;
        this.actions = actions;
        this.obligations = obligations;
    }

    CaseOutcome handle(EmergencyCase current, CaseCommand command, String topicCountry, Instant now) {
        Transition step = new Transition(current, now);
        var problem = CommandValidator.problem(step.kase(), command, topicCountry, settings);
        if (problem.isPresent()) {
            reject(step, command, topicCountry, problem.get());
            return step.outcome();
        }
        switch (command.getType()) {
            case ACKNOWLEDGE -> acknowledge(step, command);
            case COMMENT -> comment(step, command);
            case PROPOSE_ACTION -> actions.propose(step, command, command.getActionType());
            case VOTE -> actions.vote(step, command);
            case RESOLVE -> actions.propose(step, command, ActionType.RESOLVE_CASE);
            case LOWER_TIER -> actions.propose(step, command, ActionType.LOWER_TIER);
        }
        return step.outcome();
    }

    static CaseOutcome refuseUnknownCase(CaseCommand command, String topicCountry, Instant now) {
        return CaseOutcome.notificationOnly(Notification.newBuilder()
                .setNotificationId("refused/" + command.getCommandId())
                .setOfficerId(command.getOfficerId()).setCountry(topicCountry).setCaseId(command.getCaseId())
                .setKind(NotificationKind.OTHER).setTier(Tier.NOTICE)
                .setTitle("Command refused: " + command.getType())
                .setMessage("caseId: no case " + command.getCaseId() + " exists; command " + command.getCommandId()
                        + " was not applied.")
                .setAsk("").setDeadline(null).setEscalationLevel(0).setCreatedAt(now)
                .build());
    }

    private void acknowledge(Transition step, CaseCommand command) {
        EmergencyCase kase = step.kase();
        Actor actor = new Actor(command.getCountry(), command.getOfficerId());
        kase.getAcknowledgements().add(new Acknowledgement(command.getCountry(), command.getOfficerId(), step.now()));
        step.record(CaseEventType.ACKNOWLEDGED, actor, command.getCountry() + " acknowledged at tier " + kase.getTier()
                + " (officer " + command.getOfficerId() + ")", Map.of("commandId", command.getCommandId()));
        boolean everyone = kase.getInvolvedCountries().stream().allMatch(country -> kase.getAcknowledgements().stream()
                .anyMatch(ack -> ack.getCountry().equals(country)));
        if (everyone) {
            kase.setState(CaseState.ACKNOWLEDGED);
            kase.setAckDeadline(null);
            obligations.meet(step, Completion.ALL_ACKNOWLEDGED, actor);
        }
    }

    private void comment(Transition step, CaseCommand command) {
        Actor actor = new Actor(command.getCountry(), command.getOfficerId());
        String text = command.getText().strip();
        step.record(CaseEventType.COMMENTED, actor, text, Map.of("commandId", command.getCommandId()));
        List<CaseComment> comments = step.kase().getComments();
        comments.add(new CaseComment(command.getCountry(), command.getOfficerId(), text, step.now()));
        if (comments.size() > MAX_COMMENTS) {
            comments.subList(0, comments.size() - MAX_COMMENTS).clear();
        }
        if (OutcomeTag.isOutcome(text)) {
            recordOutcome(step, OutcomeTag.flag(text).orElseThrow(), actor);
        } else if (text.startsWith("#")) {
            String tag = text.substring(1).split("\\s+", 2)[0];
            obligations.meetReport(step, tag, actor);
        }
    }

    /**
     * Adds an outcome flag to the case (once; a repeat is only a comment) and starts, from now, the
     * clocks whose rules now select the case, telling the officers who answer for each of them.
     */
    private void recordOutcome(Transition step, CaseOutcomeFlag flag, Actor actor) {
        EmergencyCase kase = step.kase();
        if (kase.getOutcomes().contains(flag)) {
            return;
        }
        kase.getOutcomes().add(flag);
        List<Obligation> started = obligations.start(kase, step.now());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("outcome", flag.name());
        attributes.put("obligationsStarted", String.join(",", ObligationTracker.labels(started)));
        step.record(CaseEventType.OTHER, actor, "Outcome " + flag + " recorded by " + actor.country()
                + "; obligations started: " + (started.isEmpty() ? "none" : ObligationTracker.labels(started)), attributes);
        obligations.announceStarted(step, started, "outcome " + flag + " was recorded on the case");
    }

    private void reject(Transition step, CaseCommand command, String topicCountry, String reason) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("commandId", command.getCommandId());
        attributes.put("commandType", command.getType().name());
        attributes.put("topicCountry", topicCountry);
        CaseEvent event = step.record(CaseEventType.COMMAND_REJECTED,
                new Actor(command.getCountry(), command.getOfficerId()), reason, attributes);
        step.send(Notification.newBuilder()
                .setNotificationId(step.kase().getCaseId() + "/" + event.getSequence() + "/" + command.getOfficerId())
                .setOfficerId(command.getOfficerId()).setCountry(topicCountry).setCaseId(step.kase().getCaseId())
                .setKind(NotificationKind.OTHER).setTier(step.kase().getTier())
                .setTitle("Command refused: " + command.getType())
                .setMessage(reason).setAsk("").setDeadline(null).setEscalationLevel(0).setCreatedAt(step.now())
                .build());
    }
}
