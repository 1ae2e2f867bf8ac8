package io.aegis.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.node.domain.InboxEntries;
import io.aegis.node.domain.StixCopies;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.security.Roles;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.stix.StixExport;
import io.aegis.stix.StixSignal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
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
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * STIX 2.1 in and out of the node API: an own signal or an inbox copy as a bundle, and the import of a
 * bundle. An inbox copy's bundle says exactly what the copy says (redaction and attribution already
 * applied); a retracted copy is {@code 410} as in the inbox API.
 */
@Controller("/api/v1")
@Tag(name = "stix")
public class StixController {

    public static final String STIX_JSON = "application/stix+json";
    private final OwnSignals own;
    private final NodeStores stores;
    private final StixIntake intake;

    public StixController(OwnSignals own, NodeStores stores, StixIntake intake) {
        this.own = own;
        this.stores = stores;
        this.intake = intake;
    }

    @Operation(summary = "An own signal as a STIX 2.1 bundle (its current version; revoked once retracted)")
    @Get("/signals/{id}/stix")
    @Secured(Roles.PUBLISHER)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> ownBundle(@PathVariable String id) {
        StixSignal signal = own.stix(id);
        return json(StixExport.bundle(signal.revoked()
                ? StixExport.revoked(StixExport.skeleton(signal), signal.modified()) : StixExport.objects(signal)));
    }

    @Operation(summary = "An inbox copy as a STIX 2.1 bundle, exactly as shared with this country; 410 once retracted")
    @Get("/inbox/{id}/stix")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Object> inboxBundle(@PathVariable String id) {
        Optional<SharedSignal> copy = stores.<String>get(StoreNames.INBOX_INDEX, id)
                .flatMap(cursor -> stores.<SharedSignal>get(StoreNames.INBOX_ITEMS, cursor));
        List<Retraction> withdrawals = stores.prefix(StoreNames.INBOX_WITHDRAWAL_INDEX, id + StoreNames.SEPARATOR);
        if (copy.isPresent()) {
            // the current version is the copy as of its latest downgrade
            var modified = withdrawals.stream().map(Retraction::getIssuedAt).max(java.time.Instant::compareTo)
                    .orElse(copy.get().getSharedAt());
            return HttpResponse.ok((Object) StixExport.bundle(StixExport.objects(StixCopies.of(copy.get(), modified))).toString())
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return withdrawals.stream().filter(w -> w.getKind() == RetractionKind.RETRACT).findFirst()
                .map(r -> HttpResponse.<Object>status(HttpStatus.GONE).body((Object) InboxEntries.tombstone(r)))
                .orElseThrow(() -> new NotFoundException("no signal " + id + " in this inbox"));
    }

    /** STIX JSON is written by Jackson as the mapping built it (not re-encoded by the framework's serializers). */
    static MutableHttpResponse<String> json(ObjectNode document) {
        return HttpResponse.ok(document.toString()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Operation(summary = "Import a STIX 2.1 bundle: each report, grouping or lone indicator becomes a signal "
            + "(202 all published, 207 mixed, 422 none valid); results name each STIX object")
    @Post("/stix/bundles")
    @Secured(Roles.PUBLISHER)
    @Consumes({MediaType.APPLICATION_JSON, STIX_JSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CompletableFuture<HttpResponse<Object>> importBundle(@Body @Nullable byte[] body) {
        var document = JsonBodies.require(body);
        return intake.publish(document).thenApply(result -> {
            Map<String, Object> answer = StixIntake.body(document, result);
            long accepted = (long) answer.get("accepted");
            long total = accepted + (long) answer.get("rejected");
            if (total == 0) {
                throw new io.aegis.node.domain.InvalidRequestException("objects",
                        "the document holds no signal: a report, grouping or indicator is needed");
            }
            if (accepted == 0 && result.outcomes().stream().anyMatch(o -> o.outage() != null)) {
                Throwable outage = result.outcomes().stream().map(StixIntake.Outcome::outage)
                        .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
                throw outage instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(outage);
            }
            int status = accepted == total ? 202 : accepted == 0 ? 422 : 207;
            return HttpResponse.status(HttpStatus.valueOf(status)).body(answer);
        });
    }
}
