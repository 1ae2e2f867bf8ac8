package io.aegis.registry.api;

import io.aegis.registry.api.Dtos.RegisterResponse;
import io.aegis.registry.api.Dtos.SchemaRequest;
import io.aegis.registry.api.Dtos.SubjectVersionResponse;
import io.aegis.registry.domain.RegistryException;
import io.aegis.registry.domain.SchemaRegistry;
import io.aegis.registry.domain.SubjectVersion;
import io.aegis.registry.domain.VersionSpec;
import io.aegis.registry.security.Access;
import io.aegis.registry.security.Access.Level;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** {@code /subjects}: register, look up, list, read and soft-delete subject versions. */
@Controller("/subjects")
@Produces({MediaTypes.V1_JSON, MediaTypes.JSON, MediaTypes.PLAIN_JSON})
@Consumes({MediaTypes.V1_JSON, MediaTypes.JSON, MediaTypes.PLAIN_JSON, MediaTypes.OCTET_STREAM})
@ExecuteOn(TaskExecutors.BLOCKING)
class SubjectController {

    private final SchemaRegistry registry;
    private final RequestBodies bodies;

    SubjectController(SchemaRegistry registry, RequestBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    @Access(Level.READ)
    @Get
    List<String> subjects(@QueryValue(defaultValue = "false") boolean deleted) {
        return registry.subjects(deleted);
    }

    @Access(Level.REGISTER)
    @Post("/{subject}/versions")
    RegisterResponse register(String subject, @Nullable @Body byte[] body) {
        SchemaRequest request = bodies.schemaRequest(body);
        return new RegisterResponse(registry.register(subject, request.schema(), request.schemaType()));
    }

    @Access(Level.READ)
    @Post("/{subject}")
    SubjectVersionResponse lookup(String subject, @Nullable @Body byte[] body) {
        SchemaRequest request = bodies.schemaRequest(body);
        return response(registry.lookup(subject, request.schema(), request.schemaType()));
    }

    @Access(Level.READ)
    @Get("/{subject}/versions")
    List<Integer> versions(String subject, @QueryValue(defaultValue = "false") boolean deleted) {
        return registry.versions(subject, deleted);
    }

    @Access(Level.READ)
    @Get("/{subject}/versions/{version}")
    SubjectVersionResponse version(String subject, String version) {
        return response(registry.version(subject, VersionSpec.parse(version)));
    }

    @Access(Level.READ)
    @Get("/{subject}/versions/{version}/schema")
    String versionSchema(String subject, String version) {
        return registry.version(subject, VersionSpec.parse(version)).schema();
    }

    @Access(Level.ADMIN)
    @Delete("/{subject}")
    List<Integer> delete(String subject, @QueryValue(defaultValue = "false") boolean permanent) {
        if (permanent) {
            throw new RegistryException(422, 422, "Invalid value for 'permanent': hard delete is not supported by this"
                    + " registry; soft-deleted schemas stay readable by id");
        }
        return registry.deleteSubject(subject);
    }

    private static SubjectVersionResponse response(SubjectVersion version) {
        return new SubjectVersionResponse(version.subject(), version.version(), version.id(), version.schema());
    }
}
