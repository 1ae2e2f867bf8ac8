package io.aegis.node.api;

import io.aegis.node.domain.UserRequests;
import io.aegis.node.messaging.UserAdmin;
import io.aegis.node.security.PasswordHashes;
import io.aegis.node.security.Roles;
import io.aegis.node.security.UserDirectory;
import io.aegis.schema.users.UserAction;
import io.aegis.schema.users.UserChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * User administration of this node, for its ADMINs: list, add, disable, enable, reset a password.
 * Invariants: every change is written to {@code aegis.users.<CC>} with who made it and when before
 * it takes effect (through {@link UserAdmin}); no answer carries a hash or a password; an ADMIN
 * cannot disable themselves (the node would be left without the one who noticed).
 */
@Controller("/api/v1/users")
@Secured(Roles.ADMIN)
@Tag(name = "users")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UserController {

    private final UserDirectory users;
    private final UserAdmin admin;
    private final PasswordHashes hashes;

    public UserController(UserDirectory users, UserAdmin admin, PasswordHashes hashes) {
        this.users = users;
        this.admin = admin;
        this.hashes = hashes;
    }

    @Operation(summary = "Every user of this node: name, roles, enabled, hasPassword, hasToken")
    @Get
    public Map<String, Object> list() {
        return Map.of("users", users.list());
    }

    @Operation(summary = "Add a user: {\"name\", \"roles\": [...], \"password\"}")
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public MutableHttpResponse<?> add(@Body @Nullable byte[] body, Authentication caller) {
        UserRequests.NewUser user = UserRequests.newUser(JsonBodies.require(body), Roles.ALL);
        if (users.find(user.name()).isPresent()) {
            throw new ConflictException("user " + user.name() + " already exists; reset the password or enable the user instead");
        }
        UserChange change = admin.record(user.name(), UserAction.ADDED, user.roles(), hashes.hash(user.password()),
                caller.getName(), null);
        return HttpResponse.created(answer(user.name(), change));
    }

    @Operation(summary = "Disable a user (optional body {\"reason\"}): no token, password or session of theirs works any more")
    @Post("/{name}/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> disable(@PathVariable String name, @Body @Nullable byte[] body, Authentication caller) {
        known(name);
        String reason = UserRequests.reason(JsonBodies.parse(body));
        if (name.equals(caller.getName())) {
            throw new ConflictException("an ADMIN cannot disable themselves; another ADMIN of this node must");
        }
        return answer(name, admin.record(name, UserAction.DISABLED, List.of(), null, caller.getName(), reason));
    }

    @Operation(summary = "Enable a disabled user again (optional body {\"reason\"})")
    @Post("/{name}/enable")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> enable(@PathVariable String name, @Body @Nullable byte[] body, Authentication caller) {
        known(name);
        String reason = UserRequests.reason(JsonBodies.parse(body));
        return answer(name, admin.record(name, UserAction.ENABLED, List.of(), null, caller.getName(), reason));
    }

    @Operation(summary = "Set a new password for a user: {\"password\"}; their sessions end")
    @Post("/{name}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> resetPassword(@PathVariable String name, @Body @Nullable byte[] body, Authentication caller) {
        known(name);
        String password = UserRequests.passwordReset(JsonBodies.require(body), name);
        return answer(name, admin.record(name, UserAction.PASSWORD_RESET, List.of(), hashes.hash(password), caller.getName(),
                null));
    }

    private void known(String name) {
        if (users.find(name).isEmpty()) {
            throw new NotFoundException("no user " + name + " on this node");
        }
    }

    /** The user as it is now, and the change that made it so (never its hash). */
    private Map<String, Object> answer(String name, UserChange change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", users.find(name).orElseThrow());
        json.put("change", Map.of("changeId", change.getChangeId(), "action", change.getAction().name(),
                "by", change.getBy(), "at", change.getAt().toString()));
        return json;
    }
}
