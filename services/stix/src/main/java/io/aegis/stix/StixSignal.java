package io.aegis.stix;

import io.aegis.schema.signal.SignalContent;

import java.time.Instant;

/**
 * One signal copy as STIX exports it: what a reader may know of it, nothing more. {@code originCountry}
 * and {@code originAgency} are null when the copy does not name them (the origin's attribution);
 * {@code created} is when the origin's node accepted the signal and {@code modified} when this version
 * came to be (the copy's release, a downgrade, a retraction). {@code revoked} marks a retracted signal.
 */
public record StixSignal(String signalId, String originCountry, String originAgency, Instant created,
                         Instant modified, SignalContent content, boolean revoked) {
}
