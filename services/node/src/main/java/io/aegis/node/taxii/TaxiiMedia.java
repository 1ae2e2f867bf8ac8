package io.aegis.node.taxii;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The TAXII 2.1 media types and timestamps. A TAXII timestamp here has microsecond precision: that
 * is the precision of the node's cursors, so a client that sends back a {@code date_added} as
 * {@code added_after} resumes exactly after that object.
 */
public final class TaxiiMedia {

    public static final String TAXII = "application/taxii+json;version=2.1";
    public static final String TAXII_NAME = "application/taxii+json";
    public static final String STIX = "application/stix+json;version=2.1";
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TaxiiMedia() {
    }

    public static String timestamp(Instant instant) {
        return MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * True when an {@code Accept} header lets the server answer TAXII 2.1: no header, a wildcard, or
     * {@code application/taxii+json} with version 2.1 or no version (the newest). Any other version or
     * type is refused (406).
     */
    public static boolean acceptable(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            if (matches(range)) {
                return true;
            }
        }
        return false;
    }

    /** True when a {@code Content-Type} is TAXII 2.1 (version 2.1 or none given). */
    public static boolean taxiiContent(String type) {
        return type != null && isTaxii(type, false);
    }

    private static boolean matches(String range) {
        String[] parts = range.split(";", 2);
        String name = parts.length == 0 ? "" : parts[0].trim().toLowerCase(Locale.ROOT);
        return name.equals("*/*") || name.equals("application/*") || isTaxii(range, true);
    }

    private static boolean isTaxii(String value, boolean allowQuality) {
        String[] parts = value.split(";");
        if (parts.length == 0 || !parts[0].trim().equalsIgnoreCase(TAXII_NAME)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            String key = param[0].trim().toLowerCase(Locale.ROOT);
            String val = param.length > 1 ? param[1].trim().replace("\"", "") : "";
            if (key.equals("version") && !val.equals("2.1")) {
                return false;
            }
            if (!key.equals("version") && !(allowQuality && key.equals("q"))) {
                return false;
            }
        }
        return true;
    }
}
