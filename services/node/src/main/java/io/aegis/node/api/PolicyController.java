package io.aegis.node.api;

import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.AvroJson;
import io.aegis.node.domain.MalformedBodyException;
import io.aegis.node.domain.PolicyDocument;
import io.aegis.node.messaging.AckedWriter;
import io.aegis.node.messaging.NodeIdentity;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.security.Roles;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.routing.SharingPolicy;
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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * This country's outbound sharing policy. PUT validates the YAML or JSON document, assigns
 * version = current + 1 (current as read from the compacted {@code aegis.policies} topic, or
 * the last version this node assigned if higher) and answers 202 once Kafka acknowledged.
 */
@Controller("/api/v1/policy")
@Secured(Roles.ADMIN)
@Tag(name = "policy")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PolicyController {

    private final NodeStores stores;
    private final AckedWriter writer;
    private final Topic<String, SharingPolicy> policies;
    private final String country;
    private final Clock clock = Clock.systemUTC();
    private int lastAssigned;

    public PolicyController(NodeStores stores, AckedWriter writer, Topics topics, NodeIdentity node) {
        this.stores = stores;
        this.writer = writer;
        this.policies = topics.policies();
        this.country = node.country();
    }

    @Operation(summary = "The current policy of this country")
    @Get
    public Map<String, Object> show() {
        return stores.<SharingPolicy>get(StoreNames.POLICY, country).map(AvroJson::toMap)
                .orElseThrow(() -> new NotFoundException("no sharing policy for " + country + " yet (default deny)"));
    }

    @Operation(summary = "Replace the policy (YAML or JSON); 202 with the assigned version once Kafka acknowledged")
    @Put
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    public CompletableFuture<HttpResponse<Object>> replace(@Body @Nullable byte[] body, Authentication user) {
        if (body == null || body.length == 0) {
            throw new MalformedBodyException("the policy document is empty");
        }
        PolicyDocument document = PolicyDocument.parse(new String(body, StandardCharsets.UTF_8), country);
        SharingPolicy policy = document.toPolicy(nextVersion(), clock.instant(), user.getName());
        return writer.write(policies, country, policy).thenApply(meta -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("country", country);
            answer.put("version", policy.getVersion());
            answer.put("topic", meta.topic());
            answer.put("partition", meta.partition());
            answer.put("offset", meta.offset());
            return HttpResponse.accepted().body(answer);
        });
    }

    private synchronized int nextVersion() {
        int current = stores.<SharingPolicy>get(StoreNames.POLICY, country).map(SharingPolicy::getVersion).orElse(0);
        lastAssigned = Math.max(current, lastAssigned) + 1;
        return lastAssigned;
    }
}
