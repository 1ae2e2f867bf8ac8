package io.aegis.devstack.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisioningCommandsTest {

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    @Test
    void shouldNameEachPrincipalsPasswordVariableAfterThePrincipal() {
        assertEquals("NODE_FR_KAFKA_PASSWORD", UsersCommand.passwordVariable("node-FR"));
        assertEquals("AEGIS_REGISTRY_KAFKA_PASSWORD", UsersCommand.passwordVariable("aegis-registry"));
    }

    @Test
    void shouldRefuseToSetLoginsWhileAPrincipalHasNoPassword() {
        // every other principal has one: the command must stop before touching the cluster, naming what is missing
        Map<String, String> env = new java.util.HashMap<>();
        for (String user : List.of("node-FR", "node-DE", "node-JP", "node-BR", "node-KE", "aegis-router",
                "aegis-escalation", "aegis-response", "aegis-operator")) {
            env.put(UsersCommand.passwordVariable(user), "secret-of-" + user);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UsersCommand(out, env)
                .run(List.of("--bootstrap", "unreachable.invalid:9092"), InfraFiles.INFRA));
        assertTrue(e.getMessage().contains("AEGIS_REGISTRY_KAFKA_PASSWORD"), e.getMessage());
    }

    @Test
    void shouldRefuseToRegisterSchemasWithoutTheAdministratorsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SchemasCommand(out, Map.of())
                .run(List.of("--registry", "http://unreachable.invalid:8081", "--user", "registry-admin"),
                        InfraFiles.INFRA));
        assertTrue(e.getMessage().contains(SchemasCommand.PASSWORD_VARIABLE), e.getMessage());
    }
}
