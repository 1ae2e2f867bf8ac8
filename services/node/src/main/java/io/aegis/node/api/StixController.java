package io.aegis.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.node.domain.StixCopies;
import io.aegis.node.taxii.CollectionObjects;
import io.aegis.node.taxii.TaxiiCollection;
import io.aegis.node.topology.StixFeed;
import io.aegis.node.security.Roles;
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

import java.time.Instant;
import java.util.Map;
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
    private final InboxCopies copies;
    private final CollectionObjects objects;
    private final StixIntake intake;

    public StixController(OwnSignals own, InboxCopies copies, CollectionObjects objects, StixIntake intake) {
        this.own = own;
        this.copies = copies;
        this.objects = objects;
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
    public HttpResponse<?> inboxBundle(@PathVariable String id) {
        return copies.held(id).<HttpResponse<?>>map(held -> {
            // the version the TAXII inbox collection serves: the event that made the current copy
            Instant modified = objects.entry(TaxiiCollection.INBOX, id).map(StixFeed.Entry::modified)
                    .orElse(held.value.getSharedAt());
            return json(StixExport.bundle(StixExport.objects(StixCopies.of(held.value, modified))));
        }).orElseGet(() -> copies.notHeld(id));
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
