package io.aegis.node.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.VoteChoice;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a duty officer's case request into a {@link CaseCommand} for {@code aegis.commands.<CC>}.
 * Invariant: the command carries the node's country and the authenticated officer, never values
 * from the body; every body is checked field by field and unknown fields are refused.
 */
public final class CaseCommandParser {

    public static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final int MAX_TEXT = 4000;

    /** The case endpoints and the command each one produces. */
    public enum Kind { ACK, VOTE, PROPOSE, RESOLVE, COMMENT }

    private final String country;

    public CaseCommandParser(String country) {
        this.country = country;
    }

    public CaseCommand parse(Kind kind, String caseId, JsonNode body, String officerId, Instant now) {
        FieldReader in = new FieldReader();
        if (caseId == null || !CASE_ID.matcher(caseId).matches()) {
            in.fail("caseId", "must be 1..100 characters of [A-Za-z0-9._:-]");
        }
        JsonNode json = body == null || body.isNull() || body.isMissingNode() ? JsonNodeFactory.instance.objectNode() : body;
        CaseCommand.Builder command = CaseCommand.newBuilder().setCommandId(UUID.randomUUID().toString())
                .setCaseId(caseId == null ? "" : caseId).setCountry(country).setOfficerId(officerId).setIssuedAt(now);
        if (in.isObject(json, "")) {
            switch (kind) {
                case ACK -> text(in, json, "comment", false, command.setType(CommandType.ACKNOWLEDGE));
                case COMMENT -> text(in, json, "text", true, command.setType(CommandType.COMMENT));
                case RESOLVE -> text(in, json, "resolution", true, command.setType(CommandType.RESOLVE));
                case VOTE -> vote(in, json, command.setType(CommandType.VOTE));
                case PROPOSE -> propose(in, json, command.setType(CommandType.PROPOSE_ACTION));
            }
        }
        if (!in.violations().isEmpty()) {
            throw new InvalidRequestException("validation failed", in.violations());
        }
        return command.build();
    }

    private static void text(FieldReader in, JsonNode json, String name, boolean required, CaseCommand.Builder command) {
        in.refuseUnknown(json, "", Set.of(name));
        command.setText(in.string(json, "", name, required, MAX_TEXT).orElse(null));
    }

    private static void vote(FieldReader in, JsonNode json, CaseCommand.Builder command) {
        in.refuseUnknown(json, "", Set.of("actionId", "choice"));
        Optional<String> actionId = in.string(json, "", "actionId", true, 100);
        actionId.filter(id -> !CASE_ID.matcher(id).matches())
                .ifPresent(id -> in.fail("actionId", "must be 1..100 characters of [A-Za-z0-9._:-]"));
        command.setActionId(actionId.orElse(null));
        command.setVote(in.enumValue(json, "", "choice", VoteChoice.class, true).orElse(null));
    }

    private static void propose(FieldReader in, JsonNode json, CaseCommand.Builder command) {
        in.refuseUnknown(json, "", Set.of("actionType", "description", "targetTier"));
        Optional<ActionType> type = in.enumValue(json, "", "actionType", ActionType.class, true);
        command.setActionType(type.orElse(null));
        command.setText(in.string(json, "", "description", false, MAX_TEXT).orElse(null));
        Optional<Tier> tier = in.enumValue(json, "", "targetTier", Tier.class, type.orElse(null) == ActionType.LOWER_TIER);
        if (tier.isPresent() && type.isPresent() && type.get() != ActionType.LOWER_TIER) {
            in.fail("targetTier", "is only allowed for actionType LOWER_TIER");
        }
        command.setTargetTier(tier.orElse(null));
    }
}
