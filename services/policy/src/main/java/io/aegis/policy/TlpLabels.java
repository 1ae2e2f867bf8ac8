package io.aegis.policy;

import io.aegis.schema.common.Tlp;
import java.util.Arrays;
import java.util.Optional;

/**
 * TLP 2.0 labels as users write them ("AMBER+STRICT") and as the contracts spell them
 * ({@link Tlp#AMBER_STRICT}). Labels are upper case, as TLP 2.0 writes them; the Avro symbol
 * {@code AMBER_STRICT} is accepted too, since documents read back from the API may carry it.
 */
public final class TlpLabels {

    /** The labels a user may write, for error messages. */
    public static final String ALLOWED = "CLEAR, GREEN, AMBER, AMBER+STRICT, RED";

    private TlpLabels() {
    }

    public static String label(Tlp tlp) {
        return tlp == Tlp.AMBER_STRICT ? "AMBER+STRICT" : tlp.name();
    }

    /** The label's TLP, or empty when it is not one of {@link #ALLOWED}. */
    public static Optional<Tlp> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String symbol = "AMBER+STRICT".equals(label) ? "AMBER_STRICT" : label;
        return Arrays.stream(Tlp.values()).filter(t -> t.name().equals(symbol)).findFirst();
    }

    /** AMBER+STRICT and RED reach only the listed recipients, so they need a list. */
    public static boolean needsRecipients(Tlp tlp) {
        return tlp == Tlp.AMBER_STRICT || tlp == Tlp.RED;
    }
}
