package io.aegis.node.api;

import io.aegis.node.config.SessionConfig;
import io.aegis.node.security.Sessions;
import io.aegis.node.security.UserDirectory;
import io.aegis.node.security.oidc.OidcRefusal;
import io.aegis.node.security.oidc.OidcSettings;
import io.aegis.node.security.oidc.OidcSignIn;
import io.aegis.node.security.oidc.PendingLogins;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;

/**
 * Sign-in through the agency's own OpenID Connect provider; exists only when
 * {@code aegis.node.oidc.enabled} is true. {@code GET /oauth/login} sends the browser to the provider,
 * remembering the sign-in in the {@value PendingLogins#COOKIE} cookie (HttpOnly, SameSite=Lax so that
 * it comes back with the provider's redirect, path {@code /oauth/callback}); {@code GET /oauth/callback}
 * finishes it and sets the node's own session cookie exactly as {@code POST /login} does, then sends the
 * browser to the console. A refused sign-in sets no session and answers a short page when the
 * request's Accept names text/html (browsers), else the node's JSON error: 400 for a missing,
 * tampered, expired or replayed sign-in state, 401 when the provider or its ID token is not believed,
 * 403 for a person who is no enabled user of this node, 502 when the provider cannot be used.
 */
@Controller
@Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "aegis.node.oidc.enabled", value = "true")
@Tag(name = "sign-in")
public class OidcController {

    private final OidcSignIn signIn;
    private final OidcSettings settings;
    private final Sessions sessions;
    private final UserDirectory users;
    private final SessionConfig sessionConfig;

    public OidcController(OidcSignIn signIn, OidcSettings settings, Sessions sessions, UserDirectory users,
                          SessionConfig sessionConfig) {
        this.signIn = signIn;
        this.settings = settings;
        this.sessions = sessions;
        this.users = users;
        this.sessionConfig = sessionConfig;
    }

    @Operation(summary = "Start signing in with the agency's identity provider; returnTo: a /console/ path to end on")
    @Get(OidcSettings.LOGIN_PATH)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<?> login(@Nullable @QueryValue String returnTo, HttpRequest<?> request) {
        try {
            once(request, "returnTo");
            OidcSignIn.Start start = signIn.start(returnTo);
            return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, start.authorizationUrl())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .cookie(pending(start.cookie(), settings.loginTimeout()));
        } catch (OidcRefusal refusal) {
            return refused(refusal, request);
        }
    }

    @Operation(summary = "Where the identity provider sends the browser back; sets the session cookie and goes to the console")
    @Get(OidcSettings.CALLBACK_PATH)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<?> callback(@Nullable @QueryValue String code, @Nullable @QueryValue String state,
                                           @Nullable @QueryValue String error, HttpRequest<?> request) {
        String cookie = request.getCookies().findCookie(PendingLogins.COOKIE).map(Cookie::getValue).orElse(null);
        try {
            once(request, "code", "state", "error");
            OidcSignIn.Finished finished = signIn.finish(code, state, error, cookie);
            Sessions.Issued session = sessions.issue(finished.user(), users.providerCredentialVersion(finished.user().name()));
            return HttpResponse.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, settings.publicUrl(finished.returnTo()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .cookie(session.cookie()).cookie(pending("", Duration.ZERO));
        } catch (OidcRefusal refusal) {
            return refused(refusal, request).cookie(pending("", Duration.ZERO));
        }
    }

    /** Refuses (400) a request giving one of {@code names} more than once: which one counts would be a guess. */
    private static void once(HttpRequest<?> request, String... names) {
        for (String name : names) {
            if (request.getParameters().getAll(name).size() > 1) {
                throw new OidcRefusal(OidcRefusal.BAD_STATE, "the query parameter " + name + " is given more than once");
            }
        }
    }

    private Cookie pending(String value, Duration maxAge) {
        return Cookie.of(PendingLogins.COOKIE, value).httpOnly(true).sameSite(SameSite.Lax)
                .secure(sessionConfig.secureCookie()).path(OidcSettings.CALLBACK_PATH).maxAge(maxAge);
    }

    /** The refusal as a short page for a browser, or as the node's JSON error for anything else. */
    private static MutableHttpResponse<?> refused(OidcRefusal refusal, HttpRequest<?> request) {
        HttpStatus status = HttpStatus.valueOf(refusal.status());
        // a browser names text/html; "*/*" alone (API clients, scripts) gets the JSON error
        boolean browser = request.getHeaders().accept().stream()
                .anyMatch(t -> "text".equalsIgnoreCase(t.getType()) && "html".equalsIgnoreCase(t.getSubtype()));
        if (!browser) {
            return HttpResponse.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store").body(ApiError.of(refusal.getMessage()));
        }
        String page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title></head>
                <body><main><h1>Sign-in refused</h1><p id="oidc-error">%s</p>
                <p><a href="/console/">Back to the console</a></p></main></body></html>
                """.formatted(escape(refusal.getMessage()));
        return HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(page);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
