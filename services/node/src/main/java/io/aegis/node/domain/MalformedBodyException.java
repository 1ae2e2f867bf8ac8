package io.aegis.node.domain;

/** A request body that is not readable at all (not JSON, not YAML): answered with 400. */
public final class MalformedBodyException extends RuntimeException {

    public MalformedBodyException(String message) {
        super(message);
    }
}
