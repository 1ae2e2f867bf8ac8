package io.aegis.router.domain;

import io.aegis.schema.common.Tlp;

/** TLP 2.0 labels as users write them ("AMBER+STRICT") and as the contracts spell them ({@code AMBER_STRICT}). */
public final class TlpLabels {

    private TlpLabels() {
    }

    public static String label(Tlp tlp) {
        return tlp == Tlp.AMBER_STRICT ? "AMBER+STRICT" : tlp.name();
    }

    /** Parses "AMBER+STRICT" or "AMBER_STRICT" and the other labels, case-insensitively. */
    public static Tlp parse(String label) {
        String normalised = label.trim().toUpperCase(java.util.Locale.ROOT).replace('+', '_');
        return Tlp.valueOf(normalised);
    }
}
