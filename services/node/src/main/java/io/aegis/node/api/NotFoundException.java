package io.aegis.node.api;

/** The addressed resource does not exist for this node (or is not the caller's to see): 404. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
