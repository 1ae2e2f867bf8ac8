package io.aegis.node.security;

import io.aegis.kafka.crypto.SecretHash;
import io.aegis.node.config.UserConfig;
import io.aegis.schema.users.UserAction;
import io.aegis.schema.users.UserChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserDirectoryTest {

    static final PasswordHashes HASHES = new PasswordHashes(12);
    static final String PASSWORD = "correct horse battery";

    static UserDirectory directory() {
        UserDirectory users = new UserDirectory(List.of(
                new UserConfig("olivier", SecretHash.hex("olivier-token"), HASHES.hash(PASSWORD), List.of("DUTY_OFFICER")),
                new UserConfig("bot", SecretHash.hex("bot-token"), null, List.of("PUBLISHER"))), HASHES);
        users.markLoaded();
        return users;
    }

    static UserChange change(String user, UserAction action, String hash) {
        return UserChange.newBuilder().setChangeId("c-" + System.nanoTime()).setUser(user).setAction(action)
                .setRoles(action == UserAction.ADDED ? List.of("DUTY_OFFICER") : List.of()).setPasswordHash(hash)
                .setBy("ada").setAt(Instant.now()).build();
    }

    @Test
    void shouldSignInWithThePasswordAndTheTokenAlike() {
        UserDirectory users = directory();

        assertEquals("olivier", users.signIn("olivier", PASSWORD).orElseThrow().name());
        assertEquals("olivier", users.authenticate("olivier-token").orElseThrow().name());
        assertEquals(Optional.empty(), users.signIn("olivier", PASSWORD + "!"));
        assertEquals(Optional.empty(), users.signIn("bot", PASSWORD), "a token-only user has no password");
        assertEquals(Optional.empty(), users.signIn("nobody", PASSWORD));
    }

    @Test
    void shouldAuthenticateNobodyBeforeTheAuditLogIsRead() {
        UserDirectory users = new UserDirectory(List.of(
                new UserConfig("bot", SecretHash.hex("bot-token"), null, List.of("PUBLISHER"))), HASHES);

        assertEquals(Optional.empty(), users.authenticate("bot-token"));
        users.markLoaded();
        assertTrue(users.authenticate("bot-token").isPresent());
    }

    @Test
    void shouldLetTheAuditLogOverrideTheConfiguration() {
        UserDirectory users = directory();
        String version = users.credentialVersion("olivier");
        assertTrue(users.session("olivier", version).isPresent());

        users.apply(change("olivier", UserAction.DISABLED, null));
        assertEquals(Optional.empty(), users.authenticate("olivier-token"), "a disabled user's token no longer works");
        assertEquals(Optional.empty(), users.signIn("olivier", PASSWORD));
        assertEquals(Optional.empty(), users.session("olivier", version));

        users.apply(change("olivier", UserAction.ENABLED, null));
        users.apply(change("olivier", UserAction.PASSWORD_RESET, HASHES.hash("a brand new password")));
        assertNotEquals(version, users.credentialVersion("olivier"));
        assertEquals(Optional.empty(), users.session("olivier", version), "a session from before the reset ends");
        assertTrue(users.signIn("olivier", "a brand new password").isPresent());
        assertTrue(users.authenticate("olivier-token").isPresent(), "the configured token is kept");
    }

    @Test
    void shouldAddUsersAndIgnoreChangesToUnknownOnes() {
        UserDirectory users = directory();

        users.apply(change("dora", UserAction.ADDED, HASHES.hash("dora's password")));
        users.apply(change("ghost", UserAction.DISABLED, null));

        assertEquals(List.of("bot", "dora", "olivier"), users.list().stream().map(UserDirectory.Summary::name).toList());
        assertEquals(new UserDirectory.Summary("dora", List.of("DUTY_OFFICER"), true, true, false), users.find("dora").orElseThrow());
        assertTrue(users.signIn("dora", "dora's password").isPresent());
    }

    @Test
    void shouldRefuseABadConfiguredHashNamingTheKeyButNotTheValue() {
        String weak = HASHES.hash("x").replaceFirst("\\$12\\$", "\\$04\\$");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UserDirectory(List.of(
                new UserConfig("olivier", null, weak, List.of("DUTY_OFFICER"))), HASHES));
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> new UserDirectory(List.of(
                new UserConfig("olivier", null, "secret-in-clear", List.of("DUTY_OFFICER"))), HASHES));

        assertEquals("aegis.node.users.olivier.password-hash must have a bcrypt cost of 12..31, has 4", e.getMessage());
        assertTrue(plain.getMessage().startsWith("aegis.node.users.olivier.password-hash must be a bcrypt hash"), plain.getMessage());
        assertFalse(plain.getMessage().contains("secret-in-clear"));
    }

    @Test
    void shouldRefuseAUserWithNeitherTokenNorPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UserDirectory(List.of(
                new UserConfig("olivier", null, null, List.of("DUTY_OFFICER"))), HASHES));

        assertEquals("aegis.node.users.olivier needs token-sha256, password-hash or both", e.getMessage());
    }

    @Test
    void shouldTellWhoTheIdentityProviderSignedInAndKeepPasswordAndProviderSessionsApart() {
        UserDirectory users = directory();

        assertEquals(List.of("DUTY_OFFICER"), users.providerSignIn("olivier").orElseThrow().roles());
        assertEquals("bot", users.providerSignIn("bot").orElseThrow().name(), "no password needed");
        assertEquals(Optional.empty(), users.providerSignIn("nobody"));
        String provider = users.providerCredentialVersion("olivier");
        String password = users.credentialVersion("olivier");
        assertTrue(users.session("olivier", provider).isPresent());
        assertTrue(users.session("bot", users.providerCredentialVersion("bot")).isPresent());
        // a token-only user has no password session, and a provider session is not one made up from nothing
        assertEquals(Optional.empty(), users.session("bot", users.credentialVersion("bot")));
        assertEquals(Optional.empty(), users.session("olivier", "oidc:"));

        users.apply(change("olivier", UserAction.PASSWORD_RESET, HASHES.hash("another long password")));
        assertEquals(Optional.empty(), users.session("olivier", provider), "a password reset ends provider sessions too");
        assertEquals(Optional.empty(), users.session("olivier", password));
        users.apply(change("bot", UserAction.DISABLED, null));
        assertEquals(Optional.empty(), users.providerSignIn("bot"));
        assertEquals(Optional.empty(), users.session("bot", users.providerCredentialVersion("bot")));
    }
}
