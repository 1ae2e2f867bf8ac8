package io.aegis.node.paging;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Paging duty officers by e-mail ({@code aegis.node.paging.*}); the SMTP server is in
 * {@link SmtpConfig}, the officers' addresses under {@code aegis.node.paging.addresses.<officerId>}.
 * Bound only when {@code aegis.node.paging.enabled} is true, and checked as a whole by
 * {@link PagingSettings}, whose errors name the key. The link key is a secret: never logged and
 * never rendered by {@link #toString()}.
 *
 * @param enabled        whether the node pages by e-mail at all (default false: nothing about mail starts)
 * @param from           the sender address of every page
 * @param consoleUrl     public base URL of this node, e.g. {@code http://localhost:8101}; links are built from it
 * @param linkKey        base64 of at least 32 random bytes: the HMAC-SHA256 key of acknowledgement links
 * @param linkTtl        longest life of an acknowledgement link, from the notification's creation
 * @param retries        retries of a page the SMTP server did not take, before it goes to the DLQ
 * @param initialBackoff wait before the first retry; doubles on each retry, with jitter
 * @param maxBackoff     longest wait between attempts
 * @param usedLinksFile  where used acknowledgement links are kept (append-only, fsynced), so a restart
 *                       never makes a used link usable again
 */
@ConfigurationProperties("aegis.node.paging")
@Requires(property = "aegis.node.paging.enabled", value = "true")
public record PagingConfig(@Bindable(defaultValue = "false") boolean enabled,
                           @Nullable String from,
                           @Nullable String consoleUrl,
                           @Nullable String linkKey,
                           @Bindable(defaultValue = "PT24H") @Nullable Duration linkTtl,
                           @Bindable(defaultValue = "5") int retries,
                           @Bindable(defaultValue = "1s") @Nullable Duration initialBackoff,
                           @Bindable(defaultValue = "1m") @Nullable Duration maxBackoff,
                           @Nullable String usedLinksFile) {

    @Override
    public String toString() {
        return "PagingConfig[from=" + from + ", consoleUrl=" + consoleUrl + ", linkTtl=" + linkTtl + ", retries=" + retries
                + ", linkKey=<secret>]";
    }
}
