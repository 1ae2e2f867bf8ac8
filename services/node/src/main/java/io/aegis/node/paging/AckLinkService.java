package io.aegis.node.paging;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;

import java.io.IOException;
import java.time.Clock;

/**
 * The node's acknowledgement links: the issuer the pages use, the token codec keyed with
 * {@code aegis.node.paging.link-key}, and the durable record of used links (opened, and pruned of
 * expired ones, when the node starts: created eagerly, so a node whose file cannot be opened refuses
 * to start). Exists only when paging is enabled.
 */
@Context
@Requires(bean = PagingSettings.class)
public class AckLinkService implements AutoCloseable {

    private final AckTokens tokens;
    private final AckLinks links;
    private final UsedLinks used;
    private final Clock clock = Clock.systemUTC();

    public AckLinkService(PagingSettings settings) {
        this.tokens = new AckTokens(settings.linkKey());
        this.links = new AckLinks(tokens, settings.consoleUrl(), settings.linkTtl());
        this.used = UsedLinks.open(settings.usedLinksFile(), clock.instant());
    }

    AckTokens tokens() {
        return tokens;
    }

    AckLinks links() {
        return links;
    }

    UsedLinks used() {
        return used;
    }

    Clock clock() {
        return clock;
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        used.close();
    }
}
