package io.aegis.node.taxii;

/**
 * A TAXII request the server refuses with a given status (400 for a bad filter or paging parameter,
 * 404 for a collection or object that is not there): the message says which parameter and rule.
 */
public final class TaxiiException extends RuntimeException {

    private final int status;

    public TaxiiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
