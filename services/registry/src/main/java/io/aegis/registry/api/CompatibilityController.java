package io.aegis.registry.api;

import io.aegis.registry.api.Dtos.CompatibilityResponse;
import io.aegis.registry.api.Dtos.SchemaRequest;
import io.aegis.registry.domain.SchemaRegistry;
import io.aegis.registry.domain.VersionSpec;
import io.aegis.registry.security.Access;
import io.aegis.registry.security.Access.Level;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;

/**
 * {@code /compatibility}: would a schema be accepted? Against {@code latest} the subject's level
 * decides which versions count (all live ones for transitive levels); against a numbered version,
 * only that one. A subject without versions accepts anything.
 */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/compatibility")
@Produces({MediaTypes.V1_JSON, MediaTypes.JSON, MediaTypes.PLAIN_JSON})
@Consumes({MediaTypes.V1_JSON, MediaTypes.JSON, MediaTypes.PLAIN_JSON, MediaTypes.OCTET_STREAM})
class CompatibilityController {

    private final SchemaRegistry registry;
    private final RequestBodies bodies;

    CompatibilityController(SchemaRegistry registry, RequestBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    @Access(Level.READ)
    @Post("/subjects/{subject}/versions/{version}")
    CompatibilityResponse test(String subject, String version, @Nullable @Body byte[] body,
                               @QueryValue(defaultValue = "false") boolean verbose) {
        VersionSpec spec = VersionSpec.parse(version);
        SchemaRequest request = bodies.schemaRequest(body);
        List<String> problems = registry.testCompatibility(subject, spec, request.schema(), request.schemaType());
        return new CompatibilityResponse(problems.isEmpty(), verbose ? problems : null);
    }
}
