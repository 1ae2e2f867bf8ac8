package io.aegis.stix;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/** Signal → STIX 2.1. */
public final class StixExport {

    private StixExport() {
    }

    /**
     * The STIX objects of one signal version: the report first, then the objects it refers to
     * (identity, indicators, attack patterns, AI systems), then the marking and extension definitions
     * they use. Deterministic: the same version always gives the same objects.
     */
    public static List<ObjectNode> objects(StixSignal signal) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The content-free record of a signal's versioned objects, for serving their revoked versions later. */
    public static StixSkeleton skeleton(StixSignal signal) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The revoked versions (at {@code modified}) of the objects in the skeleton. */
    public static List<ObjectNode> revoked(StixSkeleton skeleton, Instant modified) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A bundle of the objects (deterministic id). */
    public static ObjectNode bundle(List<ObjectNode> objects) {
        throw new UnsupportedOperationException("not yet");
    }
}
