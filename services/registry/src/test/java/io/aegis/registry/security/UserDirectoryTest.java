package io.aegis.registry.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.registry.config.RegistryUserConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private static final String ADMIN_PASSWORD = "c2f1e0a9-admin-generated";
    private static final String IMPORTER_PASSWORD = "7b3d5f-importer-generated";

    private final UserDirectory users = new UserDirectory(List.of(
            new RegistryUserConfig("admin", io.aegis.kafka.crypto.SecretHash.hex(ADMIN_PASSWORD), true, null),
            new RegistryUserConfig("importer", io.aegis.kafka.crypto.SecretHash.hex(IMPORTER_PASSWORD).toUpperCase(Locale.ROOT), false,
                    List.of("sandbox."))));

    @Test
    void shouldAuthenticateAUserOnlyWithItsOwnPassword() {
        assertEquals(Optional.of(new RegistryUser("admin", true, List.of())), users.authenticate("admin", ADMIN_PASSWORD));
        assertEquals(Optional.of(new RegistryUser("importer", false, List.of("sandbox."))),
                users.authenticate("importer", IMPORTER_PASSWORD), "an upper-case hash is read as the same hash");

        assertEquals(Optional.empty(), users.authenticate("admin", IMPORTER_PASSWORD));
        assertEquals(Optional.empty(), users.authenticate("admin", ""));
        assertEquals(Optional.empty(), users.authenticate("admin", null));
        assertEquals(Optional.empty(), users.authenticate("nobody", ADMIN_PASSWORD));
        assertEquals(Optional.empty(), users.authenticate(null, ADMIN_PASSWORD));
    }

    @Test
    void shouldMatchUserNamesRegardlessOfCaseAsConfigurationKeysAre() {
        // why: Micronaut binds users.node-FR as node-fr; the client still sends node-FR
        assertEquals(users.authenticate("importer", IMPORTER_PASSWORD), users.authenticate("IMPORTER", IMPORTER_PASSWORD));
        assertTrue(users.authenticate("Importer", IMPORTER_PASSWORD).isPresent());
    }

    @Test
    void shouldRefuseToExistWithoutUsersNamingWhereToConfigureThem() {
        // no built-in users: an empty configuration must stop the registry, not open it
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UserDirectory(List.of()));

        assertTrue(e.getMessage().startsWith("aegis.registry.auth.users: no user is configured"), e.getMessage());
    }

    @Test
    void shouldRefuseAMissingOrMalformedPasswordHashNamingItsKey() {
        String key = "aegis.registry.auth.users.ops.password-sha256 must be 64 hex characters";
        assertMessage(key + " (the SHA-256 of the password), got nothing",
                new RegistryUserConfig("ops", null, true, null));
        assertMessage(key + " (the SHA-256 of the password), got 63 characters",
                new RegistryUserConfig("ops", io.aegis.kafka.crypto.SecretHash.hex("x").substring(1), true, null));
        assertMessage(key + " (the SHA-256 of the password), got 64 characters that are not all hex",
                new RegistryUserConfig("ops", "z".repeat(64), true, null));
    }

    @Test
    void shouldRefuseABlankWritePrefixThatWouldGrantEverySubject() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UserDirectory(List.of(
                new RegistryUserConfig("ops", io.aegis.kafka.crypto.SecretHash.hex("x"), false, List.of("sandbox.", " ")))));

        assertTrue(e.getMessage().startsWith("aegis.registry.auth.users.ops.write-subjects must list non-blank"),
                e.getMessage());
    }

    @Test
    void shouldRefuseAUserNameThatCannotBeSentInBasicCredentials() {
        assertMessage("aegis.registry.auth.users.a:b: a user name must be non-blank and must not contain ':'"
                + " (HTTP Basic credentials are user:password)", new RegistryUserConfig("a:b", io.aegis.kafka.crypto.SecretHash.hex("x"), true, null));
    }

    private static void assertMessage(String expected, RegistryUserConfig user) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UserDirectory(List.of(user)));
        assertEquals(expected, e.getMessage());
    }
}
