package io.aegis.registry.api;

import io.aegis.registry.api.Dtos.ConfigResponse;
import io.aegis.registry.api.Dtos.ConfigUpdate;
import io.aegis.registry.domain.CompatibilityLevel;
import io.aegis.registry.domain.SchemaRegistry;
import io.aegis.registry.security.Access;
import io.aegis.registry.security.Access.Level;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /config}: the global and per-subject compatibility levels. */
@Controller("/config")
@Produces({MediaTypes.V1_JSON, MediaTypes.JSON, MediaTypes.PLAIN_JSON})
@Consumes({MediaTypes.V1_JSON, MediaTypes.JSON, MediaTypes.PLAIN_JSON, MediaTypes.OCTET_STREAM})
@ExecuteOn(TaskExecutors.BLOCKING)
class ConfigController {

    private final SchemaRegistry registry;
    private final RequestBodies bodies;

    ConfigController(SchemaRegistry registry, RequestBodies bodies) {
        this.registry = registry;
        this.bodies = bodies;
    }

    @Access(Level.READ)
    @Get
    ConfigResponse global() {
        return new ConfigResponse(registry.globalLevel().name());
    }

    @Access(Level.ADMIN)
    @Put
    ConfigUpdate updateGlobal(@Nullable @Body byte[] body) {
        CompatibilityLevel level = CompatibilityLevel.parse(bodies.configUpdate(body).compatibility());
        registry.setLevel(null, level);
        return new ConfigUpdate(level.name());
    }

    @Access(Level.READ)
    @Get("/{subject}")
    ConfigResponse subject(String subject, @QueryValue(defaultValue = "false") boolean defaultToGlobal) {
        return new ConfigResponse(registry.subjectLevel(subject, defaultToGlobal).name());
    }

    @Access(Level.ADMIN)
    @Put("/{subject}")
    ConfigUpdate updateSubject(String subject, @Nullable @Body byte[] body) {
        CompatibilityLevel level = CompatibilityLevel.parse(bodies.configUpdate(body).compatibility());
        registry.setLevel(subject, level);
        return new ConfigUpdate(level.name());
    }

    @Access(Level.ADMIN)
    @Delete("/{subject}")
    ConfigResponse deleteSubject(String subject) {
        return new ConfigResponse(registry.deleteSubjectLevel(subject).name());
    }
}
