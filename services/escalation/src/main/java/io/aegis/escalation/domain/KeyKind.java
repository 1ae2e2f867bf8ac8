package io.aegis.escalation.domain;

/** The kinds of correlation key a coordination signal can carry, in founding-key priority order. */
public enum KeyKind {
    /** {@code campaign:<id>} — the publisher's correlation hint (or its HMAC). */
    CAMPAIGN("campaign:"),
    /** {@code ioc:<type>:<value>} — an indicator (value hashed under the network key when HASHED). */
    INDICATOR("ioc:"),
    /** {@code system:<provider/model>} — an affected AI system (or its HMAC). */
    SYSTEM("system:"),
    /** {@code cat:<CATEGORY>|sector:<SECTOR>} — category × sector; the only key COUNT_ONLY signals carry. */
    CATEGORY_SECTOR("cat:");

    private final String prefix;

    KeyKind(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix every key of this kind starts with. */
    public String prefix() {
        return prefix;
    }
}
