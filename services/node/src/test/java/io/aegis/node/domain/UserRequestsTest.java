package io.aegis.node.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UserRequestsTest {

    static final Set<String> ROLES = Set.of("ADMIN", "DUTY_OFFICER");

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Violation> violations(Runnable parse) {
        return assertThrows(InvalidRequestException.class, parse::run).violations();
    }

    @Test
    void shouldReadAValidNewUser() throws Exception {
        UserRequests.NewUser user = UserRequests.newUser(json(
                "{\"name\":\"dora.k\",\"roles\":[\"DUTY_OFFICER\"],\"password\":\"twelve chars\"}"), ROLES);

        assertEquals(new UserRequests.NewUser("dora.k", List.of("DUTY_OFFICER"), "twelve chars"), user);
        assertEquals("NewUser[name=dora.k, roles=[DUTY_OFFICER]]", user.toString(), "the password is never rendered");
    }

    @Test
    void shouldNameEveryBrokenRuleOfANewUser() throws Exception {
        JsonNode body = json("{\"name\":\"Dora\",\"roles\":[\"KING\",\"ADMIN\"],\"password\":\"eleven char\",\"extra\":1}");

        List<Violation> violations = violations(() -> UserRequests.newUser(body, ROLES));

        assertEquals(List.of(
                new Violation("extra", "unknown field"),
                new Violation("name", UserRequests.NAME_RULE),
                new Violation("roles[0]", "must be one of [ADMIN, DUTY_OFFICER]"),
                new Violation("password", "must be at least 12 characters")), violations);
    }

    @Test
    void shouldRefuseAPasswordThatIsTheNameOrTooLongForBcrypt() throws Exception {
        String longPassword = "é".repeat(37); // 74 bytes in UTF-8
        assertEquals(List.of(new Violation("password", "must not be the user name")),
                violations(() -> UserRequests.passwordReset(json("{\"password\":\"Dora-Officer\"}"), "dora-officer")));
        assertEquals(List.of(new Violation("password", "must be at most 72 bytes in UTF-8")),
                violations(() -> UserRequests.passwordReset(json("{\"password\":\"" + longPassword + "\"}"), "dora")));
    }

    @Test
    void shouldRequireBothSignInFields() throws Exception {
        assertEquals(List.of(new Violation("username", "is required"), new Violation("password", "is required")),
                violations(() -> UserRequests.signIn(json("{}"))));
        assertEquals(List.of(new Violation("roles", "is required")),
                violations(() -> UserRequests.newUser(json("{\"name\":\"dora\",\"password\":\"long enough pw\"}"), ROLES)));
    }
}
