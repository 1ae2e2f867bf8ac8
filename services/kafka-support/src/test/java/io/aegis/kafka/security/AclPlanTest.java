package io.aegis.kafka.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclPlanTest {

    @TempDir
    Path dir;

    private AclPlan load(String yaml, List<String> members) throws IOException {
        Path file = dir.resolve("acls.yaml");
        Files.writeString(file, yaml);
        return AclPlan.load(file, members);
    }

    @Test
    void shouldExpandPerCountryPrincipalsForEveryMember() throws IOException {
        AclPlan plan = load("""
                perCountry:
                  - principal: "User:node-{cc}"
                    grants:
                      - {type: TOPIC, name: "aegis.outbox.{cc}", operations: [WRITE, DESCRIBE]}
                principals:
                  - principal: "User:aegis-router"
                    grants:
                      - {type: TOPIC, name: "aegis.outbox.", pattern: PREFIXED, operations: [READ]}
                      - {type: CLUSTER, name: kafka-cluster, operations: [IDEMPOTENT_WRITE]}
                """, List.of("FR", "KE"));
        assertEquals(List.of("User:node-FR", "User:node-KE", "User:aegis-router"),
                plan.principals().stream().map(AclPlan.Principal::principal).toList());
        assertEquals(new AclPlan.Grant("TOPIC", "aegis.outbox.KE", "LITERAL", List.of("WRITE", "DESCRIBE"), "*"),
                plan.principals().get(1).grants().get(0));
        assertEquals("PREFIXED", plan.principals().get(2).grants().get(0).pattern());
        assertEquals("node-KE", plan.principals().get(1).user());
    }

    @Test
    void shouldNameTheGrantWithAnUnknownOperation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                principals:
                  - principal: "User:aegis-router"
                    grants:
                      - {type: TOPIC, name: x, operations: [READ, PUBLISH]}
                """, List.of()));
        assertEquals(dir.resolve("acls.yaml") + ": principals[0].grants[0].operations has unknown operation PUBLISH",
                e.getMessage());
    }

    @Test
    void shouldNameTheGrantWithAnUnknownResourceType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("""
                perCountry:
                  - principal: "User:node-{cc}"
                    grants:
                      - {type: QUEUE, name: x, operations: [READ]}
                """, List.of("FR")));
        assertEquals(dir.resolve("acls.yaml") + ": perCountry[0].grants[0].type must be one of "
                + "[TOPIC, GROUP, TRANSACTIONAL_ID, CLUSTER], got QUEUE", e.getMessage());
    }

    @Test
    void shouldTurnEveryOperationIntoOneAllowBinding() {
        AclPlan plan = AclPlan.parse("""
                perCountry:
                  - principal: "User:node-{cc}"
                    grants:
                      - {type: TOPIC, name: "aegis.inbox.{cc}", operations: [READ, DESCRIBE]}
                      - {type: TOPIC, name: "aegis.inbox.{cc}", operations: [READ]}
                """, List.of("FR"));
        List<org.apache.kafka.common.acl.AclBinding> bindings = plan.bindings();
        assertEquals(2, bindings.size());
        assertEquals("User:node-FR", bindings.get(0).entry().principal());
        assertEquals(org.apache.kafka.common.acl.AclPermissionType.ALLOW, bindings.get(0).entry().permissionType());
        assertEquals("aegis.inbox.FR", bindings.get(0).pattern().name());
    }

    @Test
    void shouldRefuseAPerCountryPlaceholderInASharedPrincipal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AclPlan.parse("""
                principals:
                  - principal: "User:node-{cc}"
                    grants:
                      - {type: TOPIC, name: x, operations: [READ]}
                """, List.of("FR")));
        assertEquals("principals[0].principal 'User:node-{cc}' uses {cc}; move the entry under perCountry", e.getMessage());
    }
}
