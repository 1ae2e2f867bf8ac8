package io.aegis.node;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The participant node: a member agency's API, inbox, notifications and webhooks. */
@OpenAPIDefinition(info = @Info(title = "aegis-node", version = "1.0",
        description = "Aegis participant node API: publish signals, read the inbox, handle cases"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public final class NodeApplication {

    private NodeApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(NodeApplication.class, args);
    }
}
