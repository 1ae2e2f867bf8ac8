package io.aegis.replay.messaging;

/** Receives progress of a long read or write; implementations must tolerate a total of zero. */
public interface ProgressReporter {

    /** Reports nothing; for tests and for quiet runs. */
    ProgressReporter NONE = new ProgressReporter() {
        @Override
        public void start(String label, long total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void finish() {
        }
    };

    /** A new task of {@code total} units begins. */
    void start(String label, long total);

    /** {@code done} more units of the current task are complete. */
    void advance(long done);

    /** The current task ended. */
    void finish();
}
