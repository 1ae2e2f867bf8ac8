package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Checks of STIX 2.1 objects against the specification's normative rules. */
public final class StixConformance {

    private StixConformance() {
    }

    /** Every rule the object breaks, each naming the property; empty when it conforms. */
    public static List<String> violations(JsonNode object) {
        throw new UnsupportedOperationException("not yet");
    }
}
