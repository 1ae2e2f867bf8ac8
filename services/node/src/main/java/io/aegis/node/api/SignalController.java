package io.aegis.node.api;

import io.aegis.node.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Publishing API: submit, batch-submit, look up, retract and downgrade this node's own signals. */
@Controller("/api/v1/signals")
@Secured(Roles.PUBLISHER)
@Tag(name = "signals")
public class SignalController {

    private final SignalIntake intake;
    private final OwnSignals own;

    public SignalController(SignalIntake intake, OwnSignals own) {
        this.intake = intake;
        this.own = own;
    }

    @Operation(summary = "Submit one signal; 202 once Kafka acknowledged it")
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CompletableFuture<HttpResponse<Object>> submit(@Body @Nullable byte[] body, Authentication user,
                                                          @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        return intake.once(user.getName(), idempotencyKey, "single", body, () -> intake.single(JsonBodies.require(body)))
                .thenApply(answer -> answer.toResponse(false));
    }

    @Operation(summary = "Submit up to 1,000 signals; each item gets its own result (202 all accepted, 207 mixed)")
    @Post("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CompletableFuture<HttpResponse<Object>> batch(@Body @Nullable byte[] body, Authentication user,
                                                         @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        return intake.once(user.getName(), idempotencyKey, "batch", body, () -> intake.batch(JsonBodies.require(body)))
                .thenApply(answer -> answer.toResponse(false));
    }

    @Operation(summary = "An own signal and its delivery state (routed to, withheld from, delayed, receipts)")
    @Get("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, Object> show(@PathVariable String id) {
        return own.view(id);
    }

    @Operation(summary = "Retract an own signal; every earlier recipient is told and answers with a receipt")
    @Post("/{id}/retract")
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CompletableFuture<HttpResponse<Object>> retract(@PathVariable String id, @Body @Nullable byte[] body,
                                                           Authentication user,
                                                           @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        return intake.once(user.getName(), idempotencyKey, "retract:" + id, body,
                () -> own.retract(id, JsonBodies.require(body))).thenApply(answer -> answer.toResponse(false));
    }

    @Operation(summary = "Downgrade an own signal to a stricter tlp and/or fewer recipients")
    @Post("/{id}/downgrade")
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CompletableFuture<HttpResponse<Object>> downgrade(@PathVariable String id, @Body @Nullable byte[] body,
                                                             Authentication user,
                                                             @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        return intake.once(user.getName(), idempotencyKey, "downgrade:" + id, body,
                () -> own.downgrade(id, JsonBodies.require(body))).thenApply(answer -> answer.toResponse(false));
    }
}
