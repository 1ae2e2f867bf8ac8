package io.aegis.node.config;

/**
 * What a webhook subscribes to ({@code aegis.node.webhooks.<name>.events}): duty-officer
 * notifications, or the inbox events of the SSE stream of the same name (a signal shared with this
 * country, its retraction, its downgrade).
 */
public enum WebhookEvent {
    NOTIFICATION,
    SIGNAL,
    RETRACTED,
    DOWNGRADED;

    /** True for the events read from this country's inbox rather than from its notifications. */
    public boolean inbox() {
        return this != NOTIFICATION;
    }
}
