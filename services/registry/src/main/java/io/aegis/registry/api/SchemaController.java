package io.aegis.registry.api;

import io.aegis.registry.api.Dtos.SchemaByIdResponse;
import io.aegis.registry.domain.AvroSchemas;
import io.aegis.registry.domain.RegistryException;
import io.aegis.registry.domain.SchemaRegistry;
import io.aegis.registry.security.Access;
import io.aegis.registry.security.Access.Level;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** {@code /schemas}: schemas by global id, and the schema types this registry supports. */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/schemas")
@Produces({MediaTypes.V1_JSON, MediaTypes.JSON, MediaTypes.PLAIN_JSON})
class SchemaController {

    private final SchemaRegistry registry;

    SchemaController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Access(Level.READ)
    @Get("/ids/{id}")
    SchemaByIdResponse byId(String id) {
        return new SchemaByIdResponse(registry.schemaById(parseId(id)));
    }

    @Access(Level.READ)
    @Get("/ids/{id}/schema")
    String rawById(String id) {
        return registry.schemaById(parseId(id));
    }

    @Access(Level.READ)
    @Get("/types")
    List<String> types() {
        return List.of(AvroSchemas.AVRO);
    }

    private static int parseId(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound("Schema " + id + " not found: id must be an integer");
        }
    }
}
