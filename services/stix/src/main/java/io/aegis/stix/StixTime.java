package io.aegis.stix;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * STIX timestamps (RFC 3339, UTC, {@code Z}). Aegis writes them with exactly millisecond precision,
 * the precision STIX requires of {@code created} and {@code modified}; it reads any fraction.
 */
public final class StixTime {

    /** The STIX timestamp shape: UTC with a {@code Z}, optional fraction of a second. */
    public static final Pattern TIMESTAMP =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$");

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StixTime() {
    }

    public static String format(Instant instant) {
        return MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The instant of a STIX timestamp, or empty when it is not one. */
    public static Optional<Instant> parse(String text) {
        if (text == null || !TIMESTAMP.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** True when the timestamp carries at least millisecond precision (three fraction digits). */
    public static boolean hasMillis(String text) {
        int dot = text.indexOf('.');
        return dot >= 0 && text.length() - dot - 2 >= 3;
    }
}
