package io.aegis.schema.coordination;

/**
 * The kinds of correlation key a coordination signal can carry, in founding-key priority order, and
 * how each is spelled: the one home of these prefixes, part of the coordination contract (the
 * {@code correlationDigests} of {@code CoordinationSignal} and the keys of {@code aegis.coordination.signals}).
 * The router writes them, escalation reads them (correlation groups).
 */
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

    /** A key of this kind for one value: {@code campaign:<id>}, {@code system:<s>} or {@code cat:<CATEGORY>}. */
    public String key(String value) {
        return prefix + value;
    }

    /** An indicator key: {@code ioc:<TYPE>:<value>}. */
    public static String indicator(Object type, String value) {
        return INDICATOR.prefix + type + ":" + value;
    }

    /** A category × sector key: {@code cat:<CATEGORY>|sector:<SECTOR>}. */
    public static String categorySector(Object category, Object sector) {
        return CATEGORY_SECTOR.prefix + category + "|sector:" + sector;
    }
}
