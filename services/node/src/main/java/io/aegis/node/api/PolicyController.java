package io.aegis.node.api;

import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.AvroJson;
import io.aegis.node.domain.MalformedBodyException;
import io.aegis.node.domain.PolicySubmission;
import io.aegis.node.domain.Utf8;
import io.aegis.policy.Members;
import io.aegis.node.messaging.AckedWriter;
import io.aegis.node.messaging.NodeIdentity;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.security.Roles;
import io.aegis.node.topology.StoreNames;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.schema.routing.PolicyStatus;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.OutboxEvent;
import java.util.Optional;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * This country's outbound sharing policy. PUT checks the YAML or JSON document with the network's
 * one policy library (structure, and every rule against the member list, as the router will) and
 * submits it on this country's own outbox (the only topic a node may write, which proves the
 * submitter's country); 202 once Kafka acknowledged. The router then validates it again (the same
 * code, so it agrees), assigns the next version, puts it in force and answers on this country's inbox:
 * GET shows the policy in force and, under {@code submission}, the answer to the latest
 * submission (accepted with its version, or rejected naming every violation).
 */
@Controller("/api/v1/policy")
@Secured(Roles.ADMIN)
@Tag(name = "policy")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PolicyController {

    private final NodeStores stores;
    private final AckedWriter writer;
    private final Topic<String, OutboxEvent> outbox;
    private final String country;
    private final Members members;
    private final Clock clock = Clock.systemUTC();

    public PolicyController(NodeStores stores, AckedWriter writer, Topics topics, NodeIdentity node, Members members) {
        this.stores = stores;
        this.members = members;
        this.writer = writer;
        this.outbox = topics.outbox(node.country());
        this.country = node.country();
    }

    @Operation(summary = "The policy in force for this country, with the answer to the latest submission")
    @Get
    public Map<String, Object> show() {
        Optional<SharingPolicy> inForce = stores.get(StoreNames.POLICY, country);
        Optional<PolicyStatus> latest = stores.get(StoreNames.POLICY_SUBMISSIONS, StoreNames.LATEST_SUBMISSION);
        if (inForce.isEmpty()) {
            String why = latest.filter(s -> !s.getAccepted())
                    .map(s -> "; the latest submission was rejected: " + String.join("; ", s.getViolations())).orElse("");
            throw new NotFoundException("no sharing policy in force for " + country + " yet (default deny)" + why);
        }
        Map<String, Object> answer = new LinkedHashMap<>(AvroJson.toMap(inForce.get()));
        latest.ifPresent(s -> answer.put("submission", submission(s)));
        return answer;
    }

    @Operation(summary = "The router's answer to the latest policy submitted: accepted with its version, or rejected with violations")
    @Get("/submission")
    public Map<String, Object> latestSubmission() {
        return stores.<PolicyStatus>get(StoreNames.POLICY_SUBMISSIONS, StoreNames.LATEST_SUBMISSION).map(PolicyController::submission)
                .orElseThrow(() -> new NotFoundException("no policy submission of " + country + " has been answered yet"));
    }

    @Operation(summary = "Submit a replacement policy (YAML or JSON); 202 once Kafka acknowledged, the router assigns the version")
    @Put
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    public CompletableFuture<HttpResponse<Object>> replace(@Body @Nullable byte[] body, Authentication user) {
        if (body == null || body.length == 0) {
            throw new MalformedBodyException("the policy document is empty");
        }
        SharingPolicy policy = PolicySubmission.check(Utf8.decode(body), country, members,
                clock.instant(), user.getName());
        return writer.write(outbox, TopicNames.POLICY_KEY, new OutboxEvent(policy)).thenApply(meta -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("country", country);
            answer.put("status", "SUBMITTED");
            answer.put("currentVersion", stores.<SharingPolicy>get(StoreNames.POLICY, country)
                    .map(SharingPolicy::getVersion).orElse(0));
            answer.put("topic", meta.topic());
            answer.put("partition", meta.partition());
            answer.put("offset", meta.offset());
            return HttpResponse.accepted().body(answer);
        });
    }

    private static Map<String, Object> submission(PolicyStatus status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("accepted", status.getAccepted());
        view.put("version", status.getVersion());
        view.put("violations", status.getViolations());
        view.put("submittedBy", status.getSubmittedBy());
        view.put("decidedAt", status.getDecidedAt().toString());
        return view;
    }
}
