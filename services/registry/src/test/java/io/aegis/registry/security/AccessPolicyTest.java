package io.aegis.registry.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.security.Access.Level;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final RegistryUser ADMIN = new RegistryUser("admin", true, List.of());
    private static final RegistryUser READER = new RegistryUser("node-fr", false, List.of());
    private static final RegistryUser IMPORTER = new RegistryUser("operator", false, List.of("sandbox.", "lab."));

    @Test
    void shouldLetEveryUserRead() {
        for (RegistryUser user : List.of(ADMIN, READER, IMPORTER)) {
            assertEquals(Optional.empty(), AccessPolicy.denial(user, Level.READ, "aegis.cases-value", "GET /subjects"));
        }
    }

    @Test
    void shouldLetAnAdminDoEverything() {
        assertEquals(Optional.empty(), AccessPolicy.denial(ADMIN, Level.REGISTER, "aegis.cases-value", "POST /subjects/x/versions"));
        assertEquals(Optional.empty(), AccessPolicy.denial(ADMIN, Level.ADMIN, null, "PUT /config"));
    }

    @Test
    void shouldLetAUserRegisterOnlyUnderAGrantedPrefix() {
        assertEquals(Optional.empty(), AccessPolicy.denial(IMPORTER, Level.REGISTER, "sandbox.aegis.cases-value", "POST"));
        assertEquals(Optional.empty(), AccessPolicy.denial(IMPORTER, Level.REGISTER, "lab.x-value", "POST"));

        // a prefix is matched literally: neither a look-alike nor the live topic's subject
        for (String subject : List.of("aegis.cases-value", "sandbox-aegis.cases-value", "aegis.sandbox.cases-value")) {
            assertTrue(AccessPolicy.denial(IMPORTER, Level.REGISTER, subject, "POST").isPresent(), subject);
        }
        assertTrue(AccessPolicy.denial(IMPORTER, Level.REGISTER, null, "POST").isPresent(), "unknown subject");
    }

    @Test
    void shouldNameTheUserTheSubjectAndTheRuleWhenRefusingARegistration() {
        Optional<String> denial = AccessPolicy.denial(IMPORTER, Level.REGISTER, "aegis.cases-value",
                "POST /subjects/aegis.cases-value/versions");

        assertEquals(Optional.of("User 'operator' is denied operation Write on Subject: aegis.cases-value"
                + " (POST /subjects/aegis.cases-value/versions): registering a version needs an admin user or a"
                + " write-subjects prefix of the subject; this user's prefixes: [sandbox., lab.]"), denial);
    }

    @Test
    void shouldKeepConfigurationAndDeletionToAdmins() {
        for (RegistryUser user : List.of(READER, IMPORTER)) {
            Optional<String> denial = AccessPolicy.denial(user, Level.ADMIN, "sandbox.x-value", "DELETE /subjects/sandbox.x-value");

            assertEquals(Optional.of("User '" + user.name() + "' is denied operation DELETE /subjects/sandbox.x-value:"
                    + " changing compatibility levels and deleting need an admin user"), denial);
        }
    }
}
