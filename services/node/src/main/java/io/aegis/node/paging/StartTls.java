package io.aegis.node.paging;

import java.util.Locale;
import java.util.Optional;

/** How the node uses STARTTLS with the SMTP server ({@code aegis.node.paging.smtp.starttls}). */
public enum StartTls {
    /** Plain SMTP: for a relay on the same host or a test server only. */
    NONE,
    /** STARTTLS when the server offers it, plain otherwise. */
    OPTIONAL,
    /** STARTTLS or no mail at all: a server that does not offer it fails every attempt. */
    REQUIRED;

    /** The mode a configuration value names ({@code none}, {@code optional}, {@code required}, any case). */
    static Optional<StartTls> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
