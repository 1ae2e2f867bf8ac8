package io.aegis.node.domain;

import io.aegis.schema.common.Tlp;

import java.util.Arrays;
import java.util.Optional;

/** TLP 2.0 labels as users write them: {@code AMBER+STRICT} in JSON is {@link Tlp#AMBER_STRICT} in Avro. */
public final class TlpNames {

    public static final String ALLOWED = "CLEAR, GREEN, AMBER, AMBER+STRICT, RED";

    private TlpNames() {
    }

    public static Optional<Tlp> parse(String label) {
        String symbol = "AMBER+STRICT".equals(label) ? "AMBER_STRICT" : label;
        return Arrays.stream(Tlp.values()).filter(t -> t.name().equals(symbol)).findFirst();
    }

    public static String format(Tlp tlp) {
        return tlp == Tlp.AMBER_STRICT ? "AMBER+STRICT" : tlp.name();
    }

    /** AMBER+STRICT and RED reach only the listed recipients, so they need a list. */
    public static boolean needsRecipients(Tlp tlp) {
        return tlp == Tlp.AMBER_STRICT || tlp == Tlp.RED;
    }
}
