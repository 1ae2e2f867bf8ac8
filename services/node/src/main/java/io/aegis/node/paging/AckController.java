package io.aegis.node.paging;

import io.aegis.node.messaging.StoreUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.function.Supplier;

/**
 * Acknowledgement links of e-mail pages ({@code /ack/{token}}), anonymous at the HTTP layer: the
 * signed link is the credential, bound to one case, one officer and this node's country
 * ({@link Acknowledgements}). GET shows what the link would do and changes nothing (mail scanners
 * prefetch links); POST acknowledges. Every answer is a self-contained HTML page that is not cached,
 * not framed and sends no Referer off this node (the token is in the URL). The policy is
 * {@code same-origin}, not {@code no-referrer}: under the latter a browser posts the page's form with
 * {@code Origin: null}, which the server's CORS check refuses. Exists only when paging is enabled.
 */
@Controller("/ack")
@Requires(bean = PagingSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class AckController {

    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Acknowledgements acknowledgements;
    private final String consoleUrl;

    public AckController(Acknowledgements acknowledgements, PagingSettings settings) {
        this.acknowledgements = acknowledgements;
        this.consoleUrl = settings.consoleUrl();
    }

    @Get("/{token}")
    @Produces(MediaType.TEXT_HTML)
    public MutableHttpResponse<String> show(@PathVariable String token) {
        return page(() -> acknowledgements.check(token));
    }

    /** The page's form posts {@code application/x-www-form-urlencoded} with no fields; a script may POST bare, JSON or text: any body is ignored. */
    @Post("/{token}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.TEXT_HTML)
    public MutableHttpResponse<String> acknowledge(@PathVariable String token) {
        return page(() -> acknowledgements.acknowledge(token));
    }

    private MutableHttpResponse<String> page(Supplier<Acknowledgements.Outcome> action) {
        Acknowledgements.Outcome outcome;
        try {
            outcome = action.get();
        } catch (StoreUnavailableException e) {
            outcome = new Acknowledgements.Refused(503, "Not available yet",
                    "The node is still loading its cases; try the link again in a minute. Nothing was sent.");
        }
        int status = outcome instanceof Acknowledgements.Refused refused ? refused.status() : 200;
        return HttpResponse.<String>status(HttpStatus.valueOf(status)).body(AckPages.render(outcome, consoleUrl))
                .contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", CSP);
    }
}
