package io.aegis.node.messaging;

/** A local state store cannot be read right now (starting, restoring or rebalancing): 503. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String store, Throwable cause) {
        super("local store " + store + " is not ready yet (the node is starting or restoring); retry shortly", cause);
    }
}
