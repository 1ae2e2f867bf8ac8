package io.aegis.router.admin;

import io.aegis.kafka.security.AclPlan;

import io.aegis.policy.Members;
import io.aegis.policy.MembersYaml;
import io.aegis.policy.PolicyDocument;
import io.aegis.policy.PolicyValidationException;
import io.aegis.policy.PolicyValidator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.Ed25519;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

/** The checked-in infra files are valid and say what the architecture promises. */
class InfraFilesTest {

    static final Path INFRA = Path.of("../../infra");

    @Test
    void shouldLoadTheDemoMembersWithTheirGroups() {
        Members members = MembersYaml.load(INFRA.resolve("members.yaml"));

        assertEquals(Set.of("FR", "DE", "JP", "BR", "KE"), members.codes());
        assertEquals(List.of("FR", "DE"), List.copyOf(members.groups().get("eu")));
    }

    @Test
    void shouldHaveDemoPrivateKeysMatchingThePublishedPublicKeys() throws Exception {
        Members members = MembersYaml.load(INFRA.resolve("members.yaml"));
        byte[] message = "probe".getBytes(StandardCharsets.UTF_8);
        for (String cc : members.codes()) {
            var privateKey = Ed25519.decodePrivate(Files.readString(INFRA.resolve("demo/keys/" + cc + ".key")).trim());
            var publicKey = Ed25519.decodePublic(members.member(cc).orElseThrow().publicKey());
            assertTrue(Ed25519.verify(publicKey, message, Ed25519.sign(privateKey, message)), cc);
        }
    }

    @Test
    void shouldValidateEveryExamplePolicy() throws Exception {
        Members members = MembersYaml.load(INFRA.resolve("members.yaml"));
        PolicyValidator validator = new PolicyValidator(members);
        try (var files = Files.list(INFRA.resolve("policies"))) {
            List<Path> policies = files.toList();
            assertEquals(5, policies.size());
            for (Path file : policies) {
                assertEquals(List.of(), validator.validate(PolicyDocument.parse(Files.readString(file), Instant.EPOCH, "test")), file.toString());
            }
        }
    }

    @Test
    void shouldGrantNodeOnlyItsOwnOutboxAndInbox() throws Exception {
        List<AclBinding> bindings = AclCommand.plan(INFRA.resolve("acls.yaml"), MembersYaml.load(INFRA.resolve("members.yaml")));

        Set<String> fr = bindings.stream().filter(b -> b.entry().principal().equals("User:node-FR"))
                .map(b -> b.pattern().name() + ":" + b.entry().operation()).collect(Collectors.toSet());
        assertTrue(fr.contains("aegis.outbox.FR:" + AclOperation.WRITE));
        assertTrue(fr.contains("aegis.inbox.FR:" + AclOperation.READ));
        assertFalse(fr.stream().anyMatch(g -> g.contains(".DE")), fr.toString());
        assertFalse(fr.contains("aegis.inbox.FR:" + AclOperation.WRITE));
    }

    @Test
    void shouldRejectAnUnknownOperationNamingTheGrant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AclPlan.parse("""
                principals:
                  - principal: "User:x"
                    grants:
                      - {type: TOPIC, name: t, operations: [FLY]}
                """, List.copyOf(MembersYaml.load(INFRA.resolve("members.yaml")).codes())));

        assertEquals("principals[0].grants[0].operations has unknown operation FLY", e.getMessage());
    }
}
