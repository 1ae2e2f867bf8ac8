package io.aegis.node.api;

/** The request contradicts the resource's state, e.g. downgrading a retracted signal: 409. */
public final class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
