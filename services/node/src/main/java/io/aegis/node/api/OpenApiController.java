package io.aegis.node.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document generated from the controllers at build time. */
@Controller("/openapi")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class OpenApiController {

    static final String DOCUMENT = "META-INF/swagger/aegis-node-1.0.yml";

    @Get(produces = MediaType.APPLICATION_YAML)
    public HttpResponse<String> document() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new NotFoundException("the OpenAPI document was not generated into this build");
            }
            return HttpResponse.ok(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
