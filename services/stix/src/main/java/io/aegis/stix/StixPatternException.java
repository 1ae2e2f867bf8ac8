package io.aegis.stix;

/** A pattern that is not valid STIX 2.1 pattern syntax: what was wrong and where (0-based offset). */
public final class StixPatternException extends RuntimeException {

    private final int position;

    public StixPatternException(String message, int position) {
        super(message + " at offset " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
