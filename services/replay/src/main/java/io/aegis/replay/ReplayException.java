package io.aegis.replay;

/**
 * A failure an operator can act on: the message names the topic, field or rule involved and
 * the exit code tells scripts what kind of failure it was.
 */
public class ReplayException extends RuntimeException {

    /** Exit code for bad arguments or configuration. */
    public static final int USAGE = 2;
    /** Exit code for a missing topic, an empty range or missing permissions. */
    public static final int UNAVAILABLE = 3;
    /** Exit code for a broker, registry or I/O failure. */
    public static final int FAILURE = 4;

    private final int exitCode;

    public ReplayException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ReplayException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static ReplayException usage(String message) {
        return new ReplayException(USAGE, message);
    }

    public static ReplayException unavailable(String message) {
        return new ReplayException(UNAVAILABLE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
