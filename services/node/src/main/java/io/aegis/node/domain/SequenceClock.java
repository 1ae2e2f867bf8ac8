package io.aegis.node.domain;

import java.util.function.LongSupplier;

/**
 * Issues strictly increasing sequence numbers that also order by arrival time: microseconds of
 * the wall clock, bumped by one when the clock stands still or steps back. They make the inbox
 * and notification cursors, so a reader that saw cursor c never misses an item stored later.
 */
public final class SequenceClock {

    private static final int WIDTH = 19;
    private final LongSupplier millis;
    private long last;

    public SequenceClock(LongSupplier millis) {
        this.millis = millis;
    }

    public synchronized long next() {
        last = Math.max(last + 1, millis.getAsLong() * 1000);
        return last;
    }

    /** The cursor text of a sequence number: fixed width, so text order is number order. */
    public static String cursor(long sequence) {
        String digits = Long.toString(sequence);
        return "0".repeat(Math.max(0, WIDTH - digits.length())) + digits;
    }

    /** True when {@code text} is a cursor this clock could have issued: ASCII digits only (not any Unicode digit). */
    public static boolean isCursor(String text) {
        return text != null && text.length() == WIDTH && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
