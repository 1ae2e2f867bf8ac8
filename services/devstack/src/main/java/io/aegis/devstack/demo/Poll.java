package io.aegis.devstack.demo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Polls a node API until an answer appears or a deadline passes: the demo waits, never sleeps blindly. */
final class Poll {

    /** One attempt: empty while the awaited state is not there yet. */
    @FunctionalInterface
    interface Attempt<T> {
        Optional<T> once() throws IOException, InterruptedException;
    }

    private Poll() {
    }

    static <T> Optional<T> until(Duration timeout, Attempt<T> attempt) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> result = attempt.once();
            if (result.isPresent() || Instant.now().isAfter(deadline)) {
                return result;
            }
            Thread.sleep(500);
        }
    }
}
