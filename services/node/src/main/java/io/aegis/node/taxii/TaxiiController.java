package io.aegis.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.node.api.JsonBodies;
import io.aegis.node.api.StixIntake;
import io.aegis.node.config.NodeConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The node's TAXII 2.1 server: discovery, its one API root ({@code aegis}), the collections, their
 * objects, manifests, object versions, and the status of posted objects. Every call is
 * authenticated (bearer token, or HTTP Basic with the token as password); what a user may read or
 * write is the collection's rule (see {@link TaxiiCollection}).
 */
@Controller("/taxii2")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(TaxiiMedia.TAXII_NAME)
@Tag(name = "taxii")
public class TaxiiController {

    public static final String API_ROOT = "aegis";
    private final String country;
    private final HttpHostResolver hosts;
    private final TaxiiObjects objects;
    private final StixIntake intake;
    private final TaxiiStatuses statuses;
    private final Clock clock = Clock.systemUTC();

    public TaxiiController(NodeConfig config, HttpHostResolver hosts, TaxiiObjects objects, StixIntake intake,
                           TaxiiStatuses statuses) {
        this.country = config.country();
        this.hosts = hosts;
        this.objects = objects;
        this.intake = intake;
        this.statuses = statuses;
    }

    @Operation(summary = "TAXII 2.1 discovery")
    @Get("/")
    public MutableHttpResponse<Object> discovery(HttpRequest<?> request) {
        String root = hosts.resolve(request) + "/taxii2/" + API_ROOT + "/";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Aegis node " + country);
        body.put("description", "AI threat and misuse signals shared through the Aegis network, as this country may see them");
        body.put("default", root);
        body.put("api_roots", List.of(root));
        return taxii(body);
    }

    @Operation(summary = "TAXII 2.1 API root")
    @Get("/" + API_ROOT + "/")
    public MutableHttpResponse<Object> apiRoot() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Aegis " + country);
        body.put("description", "This node's collections: inbox (received) and outbox (own signals)");
        body.put("versions", List.of(TaxiiMedia.TAXII));
        body.put("max_content_length", 8 * 1024 * 1024);
        return taxii(body);
    }

    @Operation(summary = "TAXII 2.1 collections this user may read or write")
    @Get("/" + API_ROOT + "/collections/")
    public MutableHttpResponse<Object> collections(Authentication user) {
        List<Map<String, Object>> list = Arrays.stream(TaxiiCollection.values())
                .filter(c -> c.canRead(user) || c.canWrite(user)).map(c -> c.resource(country, user)).toList();
        return taxii(list.isEmpty() ? Map.of() : Map.of("collections", list));
    }

    @Operation(summary = "One TAXII 2.1 collection")
    @Get("/" + API_ROOT + "/collections/{id}/")
    public MutableHttpResponse<Object> collection(@PathVariable String id, Authentication user) {
        TaxiiCollection collection = visible(id, user);
        return taxii(collection.resource(country, user));
    }

    @Operation(summary = "Objects of a collection (added_after, limit, next, match[id|type|version|spec_version])")
    @Get("/" + API_ROOT + "/collections/{id}/objects/")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<Object> objects(@PathVariable String id, HttpRequest<?> request, Authentication user) {
        return objects.envelope(readable(id, user), TaxiiQuery.of(request), null);
    }

    @Operation(summary = "One object of a collection, by STIX id")
    @Get("/" + API_ROOT + "/collections/{id}/objects/{objectId}/")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<Object> object(@PathVariable String id, @PathVariable String objectId, HttpRequest<?> request,
                                              Authentication user) {
        return objects.envelope(readable(id, user), TaxiiQuery.of(request), objectId);
    }

    @Operation(summary = "The versions of one object of a collection")
    @Get("/" + API_ROOT + "/collections/{id}/objects/{objectId}/versions/")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<Object> versions(@PathVariable String id, @PathVariable String objectId, HttpRequest<?> request,
                                                Authentication user) {
        return objects.versions(readable(id, user), TaxiiQuery.of(request), objectId);
    }

    @Operation(summary = "The manifest of a collection: id, date_added, version and media type of each object")
    @Get("/" + API_ROOT + "/collections/{id}/manifest/")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<Object> manifest(@PathVariable String id, HttpRequest<?> request, Authentication user) {
        return objects.manifest(readable(id, user), TaxiiQuery.of(request));
    }

    @Operation(summary = "Publish STIX objects through the outbox collection; 202 with the status once Kafka acknowledged")
    @Post("/" + API_ROOT + "/collections/{id}/objects/")
    @Consumes(TaxiiMedia.TAXII_NAME)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CompletableFuture<MutableHttpResponse<Object>> add(@PathVariable String id, @Body @Nullable byte[] body,
                                                              Authentication user) {
        TaxiiCollection collection = visible(id, user);
        if (!collection.canWrite(user)) {
            throw new AuthorizationException(user);
        }
        JsonNode envelope = JsonBodies.require(body);
        if (!envelope.isObject() || !envelope.path("objects").isArray()) {
            throw new TaxiiException(400, "objects: an envelope needs an objects array");
        }
        var requested = clock.instant();
        return intake.publish(envelope).thenApply(result ->
                taxii(statuses.record(user.getName(), requested, envelope, result)).status(HttpStatus.ACCEPTED));
    }

    @Operation(summary = "The status of objects posted earlier by this user")
    @Get("/" + API_ROOT + "/status/{statusId}/")
    public MutableHttpResponse<Object> status(@PathVariable String statusId, Authentication user) {
        return taxii(statuses.find(statusId, user.getName())
                .orElseThrow(() -> new TaxiiException(404, "no status " + statusId + " for this user")));
    }

    private TaxiiCollection visible(String id, Authentication user) {
        TaxiiCollection collection = TaxiiCollection.find(country, id)
                .orElseThrow(() -> new TaxiiException(404, "no collection " + id));
        if (!collection.canRead(user) && !collection.canWrite(user)) {
            throw new AuthorizationException(user);
        }
        return collection;
    }

    private TaxiiCollection readable(String id, Authentication user) {
        TaxiiCollection collection = visible(id, user);
        if (!collection.canRead(user)) {
            throw new AuthorizationException(user);
        }
        return collection;
    }

    static MutableHttpResponse<Object> taxii(Object body) {
        return HttpResponse.ok(body).contentType(TaxiiMedia.TAXII);
    }
}
