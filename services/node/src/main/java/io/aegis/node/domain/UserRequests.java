package io.aegis.node.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the bodies of sign-in and user administration: field by field, unknown fields refused,
 * every broken rule named ({@link InvalidRequestException}). Invariant: a message names the field
 * and the rule, never a submitted password.
 */
public final class UserRequests {

    /** A user name: 2..64 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    public static final String NAME_RULE = "must be 2..64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit";
    public static final int MIN_PASSWORD = 12;
    /** bcrypt reads 72 bytes at most; a longer password would be cut silently, so it is refused. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final int MAX_FIELD = 1000;
    public static final int MAX_REASON = 500;

    /** A sign-in attempt. */
    public record SignIn(String username, String password) {
        @Override
        public String toString() {
            return "SignIn[username=" + username + "]";
        }
    }

    /** A user to add. */
    public record NewUser(String name, List<String> roles, String password) {
        @Override
        public String toString() {
            return "NewUser[name=" + name + ", roles=" + roles + "]";
        }
    }

    private UserRequests() {
    }

    /** {@code {"username", "password"}}: both required strings; no rule beyond that (a wrong guess is a 401, not a 422). */
    public static SignIn signIn(JsonNode body) {
        FieldReader in = new FieldReader();
        String username = "";
        String password = "";
        if (in.isObject(body, "")) {
            in.refuseUnknown(body, "", Set.of("username", "password"));
            username = in.string(body, "", "username", true, MAX_FIELD).orElse("");
            password = in.string(body, "", "password", true, MAX_FIELD).orElse("");
        }
        done(in);
        return new SignIn(username, password);
    }

    /** {@code {"name", "roles": [...], "password"}}, every rule checked, with {@code knownRoles} the allowed roles. */
    public static NewUser newUser(JsonNode body, Set<String> knownRoles) {
        FieldReader in = new FieldReader();
        String name = "";
        List<String> roles = List.of();
        String password = "";
        if (in.isObject(body, "")) {
            in.refuseUnknown(body, "", Set.of("name", "roles", "password"));
            name = in.string(body, "", "name", true, 64).orElse("");
            if (!name.isEmpty() && !NAME.matcher(name).matches()) {
                in.fail("name", NAME_RULE);
            }
            if (body.get("roles") == null || body.get("roles").isNull()) {
                in.fail("roles", "is required");
            }
            roles = in.strings(body, "", "roles", knownRoles.size(), role -> knownRoles.contains(role)
                    ? Optional.empty() : Optional.of("must be one of " + knownRoles.stream().sorted().toList()));
            if (body.get("roles") != null && body.get("roles").isArray() && body.get("roles").isEmpty()) {
                in.fail("roles", "must name at least one role");
            }
            password = password(in, body, name);
        }
        done(in);
        return new NewUser(name, roles, password);
    }

    /** {@code {"password"}}: a new password for {@code name}. */
    public static String passwordReset(JsonNode body, String name) {
        FieldReader in = new FieldReader();
        String password = "";
        if (in.isObject(body, "")) {
            in.refuseUnknown(body, "", Set.of("password"));
            password = password(in, body, name);
        }
        done(in);
        return password;
    }

    /** {@code {"reason"}} or no body at all: why a user is disabled or enabled, for the audit log; null when not said. */
    public static String reason(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return null;
        }
        FieldReader in = new FieldReader();
        String reason = null;
        if (in.isObject(body, "")) {
            in.refuseUnknown(body, "", Set.of("reason"));
            reason = in.string(body, "", "reason", false, MAX_REASON).orElse(null);
        }
        done(in);
        return reason;
    }

    private static String password(FieldReader in, JsonNode body, String name) {
        Optional<String> password = in.string(body, "", "password", true, MAX_FIELD);
        password.ifPresent(p -> {
            if (p.codePointCount(0, p.length()) < MIN_PASSWORD) {
                in.fail("password", "must be at least " + MIN_PASSWORD + " characters");
            } else if (p.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
                in.fail("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
            }
            if (name != null && p.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                in.fail("password", "must not be the user name");
            }
        });
        return password.orElse("");
    }

    private static void done(FieldReader in) {
        if (!in.violations().isEmpty()) {
            throw new InvalidRequestException("validation failed", in.violations());
        }
    }
}
