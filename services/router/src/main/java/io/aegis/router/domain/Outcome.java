package io.aegis.router.domain;

/** What the policy engine decided for one destination. */
public enum Outcome {
    /** Deliver the signal as sent (attribution still applies). */
    DELIVER,
    /** Deliver with the listed fields removed. */
    DELIVER_REDACTED,
    /** Hold the (possibly redacted) copy until {@code deliverAt}. */
    DELAY,
    /** Do not deliver. */
    WITHHOLD;

    public boolean delivers() {
        return this != WITHHOLD;
    }
}
