package io.aegis.node.messaging;

/**
 * The schema registry could not be reached (or answered 5xx) in time to serialize a write:
 * answered with 503, and nothing was produced.
 */
public final class RegistryUnavailableException extends RuntimeException {

    private final String registry;

    public RegistryUnavailableException(String registry, String topic, String detail, Throwable cause) {
        super("schema registry " + registry + " could not be reached to write to " + topic + ": " + detail, cause);
        this.registry = registry;
    }

    /** The registry URL, or "in-memory". */
    public String registry() {
        return registry;
    }
}
