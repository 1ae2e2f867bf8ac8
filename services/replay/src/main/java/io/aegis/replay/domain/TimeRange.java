package io.aegis.replay.domain;

import io.aegis.replay.ReplayException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A half-open interval of record timestamps, {@code [from, to)}. Invariant: {@code from < to}.
 *
 * @param from first instant included
 * @param to   first instant excluded
 */
public record TimeRange(Instant from, Instant to) {

    /** Every record a topic holds. */
    public static final TimeRange ALL = new TimeRange(Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE));

    public TimeRange {
        if (from == null || to == null) {
            throw ReplayException.usage("--from and --to: both bounds are required");
        }
        if (!from.isBefore(to)) {
            throw ReplayException.usage("--from must be before --to (got " + from + " .. " + to + ")");
        }
    }

    /**
     * Parses the two bounds given on the command line: an ISO-8601 instant
     * ({@code 2026-11-20T10:00:00Z}), {@code now}, or a duration before {@code now} ({@code -PT2H}).
     */
    public static TimeRange parse(String from, String to, Instant now) {
        return new TimeRange(parseInstant("--from", from, now), parseInstant("--to", to, now));
    }

    public static Instant parseInstant(String option, String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw ReplayException.usage(option + ": a time is required (ISO-8601 instant, 'now' or '-PT2H')");
        }
        String value = text.trim();
        try {
            if (value.equalsIgnoreCase("now")) {
                return now;
            }
            if (value.startsWith("-P")) {
                return now.minus(Duration.parse(value.substring(1)));
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ReplayException.usage(option + ": '" + text
                    + "' is not an ISO-8601 instant (2026-11-20T10:00:00Z), 'now' or a duration like -PT2H");
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }

    public boolean contains(long epochMillis) {
        return epochMillis >= from.toEpochMilli() && epochMillis < to.toEpochMilli();
    }

    @Override
    public String toString() {
        return from + " .. " + to;
    }
}
