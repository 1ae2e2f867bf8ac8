package io.aegis.node.api;

import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.CaseCommandParser;
import io.aegis.node.domain.CaseTimeline;
import io.aegis.node.messaging.AckedWriter;
import io.aegis.node.messaging.NodeIdentity;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.security.Roles;
import io.aegis.node.messaging.CaseAbout;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.EmergencyCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Joint emergency cases this country takes part in, and the duty officers' commands on them,
 * produced to {@code aegis.commands.<CC>} (202 once Kafka acknowledged).
 */
@Controller("/api/v1/cases")
@Tag(name = "cases")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CaseController {

    private final NodeStores stores;
    private final AckedWriter writer;
    private final Topic<String, CaseCommand> commands;
    private final CaseCommandParser parser;
    private final CaseSignals signals;
    private final Clock clock = Clock.systemUTC();

    public CaseController(NodeStores stores, AckedWriter writer, Topics topics, NodeIdentity node, CaseSignals signals) {
        this.stores = stores;
        this.signals = signals;
        this.writer = writer;
        this.commands = topics.commands(node.country());
        this.parser = new CaseCommandParser(node.country());
    }

    @Operation(summary = "Cases this country takes part in, most recently updated first; each with what it is about "
            + "(campaigns and affected systems of its signals as this node holds them) and its signals as this node holds them")
    @Get
    @Secured({Roles.DUTY_OFFICER, Roles.OPERATOR})
    public Map<String, Object> list() {
        List<Map<String, Object>> items = stores.<EmergencyCase>all(StoreNames.CASES, 1000).stream()
                .sorted(Comparator.comparing(EmergencyCase::getUpdatedAt).reversed()).map(this::view).toList();
        return Map.of("items", items);
    }

    @Operation(summary = "One case, with what it is about and its signals as this node holds them (own reports, inbox copies "
            + "with their status and inbox cursor, tombstones of retracted ones, ids named but not held)")
    @Get("/{id}")
    @Secured({Roles.DUTY_OFFICER, Roles.OPERATOR})
    public Map<String, Object> show(@PathVariable String id) {
        return stores.<EmergencyCase>get(StoreNames.CASES, id).map(this::view)
                .orElseThrow(() -> new NotFoundException("no case " + id + " involving this country"));
    }

    @Operation(summary = "The case's events as this node can tell them: derived from the successive copies of the case it "
            + "received (opened, tier changes, countries joined, signals added, re-escalations, acknowledgements, actions and "
            + "votes, obligations, resolution), oldest first; heldFrom says from when the node holds the case's history")
    @Get("/{id}/timeline")
    @Secured({Roles.DUTY_OFFICER, Roles.OPERATOR})
    public Map<String, Object> timeline(@PathVariable String id) {
        List<EmergencyCase> copies = stores.<EmergencyCase>prefix(StoreNames.CASE_HISTORY, id + StoreNames.SEPARATOR).stream()
                .filter(c -> c.getCaseId().equals(id)).sorted(Comparator.comparingLong(EmergencyCase::getLastSequence)).toList();
        if (copies.isEmpty()) {
            // a case received before the node kept history: its current copy is all it holds
            copies = stores.<EmergencyCase>get(StoreNames.CASES, id).map(List::of)
                    .orElseThrow(() -> new NotFoundException("no case " + id + " involving this country"));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caseId", id);
        answer.put("heldFrom", copies.get(0).getUpdatedAt().toString());
        answer.put("complete", CaseTimeline.opening(copies.get(0)));
        answer.put("copies", copies.size());
        answer.put("events", CaseTimeline.derive(copies).stream().map(CaseController::event).toList());
        return answer;
    }

    private Map<String, Object> view(EmergencyCase copy) {
        Map<String, Object> view = CaseAbout.view(copy, stores);
        view.put("signals", signals.of(copy));
        return view;
    }

    private static Map<String, Object> event(CaseTimeline.Event e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", e.at().toString());
        json.put("type", e.type().name());
        json.put("tier", e.tier().name());
        json.put("actorCountry", e.actorCountry());
        json.put("actorOfficer", e.actorOfficer());
        json.put("countries", e.countries());
        json.put("signals", e.signals());
        json.put("unnamed", e.unnamed());
        json.put("text", e.text());
        return json;
    }

    @Operation(summary = "Acknowledge a case: {\"comment\"?}")
    @Post("/{id}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.DUTY_OFFICER)
    public CompletableFuture<HttpResponse<Object>> ack(@PathVariable String id, @Body @Nullable byte[] body, Authentication user) {
        return send(CaseCommandParser.Kind.ACK, id, body, user);
    }

    @Operation(summary = "Vote on a proposed joint action: {\"actionId\", \"choice\": YES|NO|ABSTAIN}")
    @Post("/{id}/votes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.DUTY_OFFICER)
    public CompletableFuture<HttpResponse<Object>> vote(@PathVariable String id, @Body @Nullable byte[] body, Authentication user) {
        return send(CaseCommandParser.Kind.VOTE, id, body, user);
    }

    @Operation(summary = "Propose a joint action: {\"actionType\", \"description\"?, \"targetTier\" (LOWER_TIER only)}")
    @Post("/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.DUTY_OFFICER)
    public CompletableFuture<HttpResponse<Object>> propose(@PathVariable String id, @Body @Nullable byte[] body, Authentication user) {
        return send(CaseCommandParser.Kind.PROPOSE, id, body, user);
    }

    @Operation(summary = "Resolve a case: {\"resolution\"}")
    @Post("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.DUTY_OFFICER)
    public CompletableFuture<HttpResponse<Object>> resolve(@PathVariable String id, @Body @Nullable byte[] body, Authentication user) {
        return send(CaseCommandParser.Kind.RESOLVE, id, body, user);
    }

    @Operation(summary = "Comment on a case: {\"text\"}")
    @Post("/{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.DUTY_OFFICER)
    public CompletableFuture<HttpResponse<Object>> comment(@PathVariable String id, @Body @Nullable byte[] body, Authentication user) {
        return send(CaseCommandParser.Kind.COMMENT, id, body, user);
    }

    private CompletableFuture<HttpResponse<Object>> send(CaseCommandParser.Kind kind, String caseId, byte[] body, Authentication user) {
        CaseCommand command = parser.parse(kind, caseId, JsonBodies.parse(body), user.getName(), clock.instant());
        return writer.write(commands, command.getCaseId(), command).thenApply(meta -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("commandId", command.getCommandId());
            answer.put("caseId", command.getCaseId());
            answer.put("type", command.getType().name());
            answer.put("topic", meta.topic());
            answer.put("partition", meta.partition());
            answer.put("offset", meta.offset());
            return HttpResponse.accepted().body(answer);
        });
    }
}
