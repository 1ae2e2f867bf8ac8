package io.aegis.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aegis.node.domain.UserRequests;
import io.aegis.node.security.Sessions;
import io.aegis.node.security.oidc.OidcSettings;
import io.aegis.node.security.SignInThrottle;
import io.aegis.node.security.UserDirectory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with a user name and password, sign-out, and what ways of signing in this node offers
 * ({@code GET /login/options}: the password always, the agency's identity provider when configured,
 * see {@link OidcController}). A sign-in that succeeds sets the session ({@link Sessions}):
 * a JWT signed with the node's session key, in an HttpOnly, SameSite=Strict cookie ({@code Secure}
 * unless {@code aegis.node.session.secure-cookie} is false) that expires with the session.
 * Invariants: a wrong password and an unknown user get the same answer; once a name or address has
 * failed too often ({@link SignInThrottle}) it is refused with 429 even with the right password;
 * no password or hash is ever answered or logged.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "sign-in")
public class SessionController {

    static final String WRONG = "the user name or the password is wrong, or the user is disabled";

    private final UserDirectory users;
    private final SignInThrottle throttle;
    private final Sessions sessions;
    @Nullable
    private final OidcSettings oidc;

    public SessionController(UserDirectory users, SignInThrottle throttle, Sessions sessions, @Nullable OidcSettings oidc) {
        this.users = users;
        this.throttle = throttle;
        this.sessions = sessions;
        this.oidc = oidc;
    }

    /** How this node lets people sign in: always with a password; with the agency's identity provider when configured. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Options(boolean password, @Nullable Provider oidc) {
    }

    /** The agency's identity provider as the console offers it: its name and where sign-in starts. */
    @Serdeable
    public record Provider(String name, String url) {
    }

    @Operation(summary = "How people may sign in here: {\"password\": true, \"oidc\": null or {\"name\", \"url\"}}")
    @Get("/login/options")
    public Options options() {
        return new Options(true, oidc == null ? null : new Provider(oidc.name(), OidcSettings.LOGIN_PATH));
    }

    @Operation(summary = "Sign in with {\"username\", \"password\"} (JSON or form fields); sets the session cookie")
    @Post(value = "/login")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<?> login(@Body @Nullable byte[] body, HttpRequest<?> request) {
        boolean form = request.getContentType().map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false);
        return signIn(UserRequests.signIn(form ? FormBodies.parse(body) : JsonBodies.require(body)), request);
    }

    @Operation(summary = "Sign out: clears the session cookie")
    @Post("/logout")
    public MutableHttpResponse<?> logout() {
        return HttpResponse.ok(Map.of("signedOut", true)).cookie(sessions.cleared());
    }

    private MutableHttpResponse<?> signIn(UserRequests.SignIn attempt, HttpRequest<?> request) {
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        Optional<Duration> wait = throttle.retryAfter(attempt.username(), address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(seconds))
                    .body(ApiError.of("too many failed sign-ins for this user or from this address; try again in "
                            + seconds + " seconds"));
        }
        Optional<UserDirectory.User> user = users.signIn(attempt.username(), attempt.password());
        if (user.isEmpty()) {
            throttle.failed(attempt.username(), address);
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(ApiError.of(WRONG));
        }
        UserDirectory.User who = user.get();
        Sessions.Issued session = sessions.issue(who, users.credentialVersion(who.name()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", who.name());
        answer.put("roles", who.roles());
        answer.put("expiresAt", session.expiresAt().toString());
        return HttpResponse.ok(answer).cookie(session.cookie());
    }


}
