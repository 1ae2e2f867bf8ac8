package io.aegis.devstack.domain;

import java.util.Locale;

/**
 * The four demo users every devstack node gets, one per node role. The key is the name used
 * in {@code devstack.json}; the role is the node's role name.
 */
public enum DemoRole {
    PUBLISHER("publisher", "PUBLISHER"),
    OFFICER("officer", "DUTY_OFFICER"),
    OPERATOR("operator", "OPERATOR"),
    ADMIN("admin", "ADMIN");

    private final String key;
    private final String nodeRole;

    DemoRole(String key, String nodeRole) {
        this.key = key;
        this.nodeRole = nodeRole;
    }

    /** Name in {@code devstack.json} ({@code publisher}, {@code officer}, …). */
    public String key() {
        return key;
    }

    /** Role name the node checks ({@code PUBLISHER}, {@code DUTY_OFFICER}, …). */
    public String nodeRole() {
        return nodeRole;
    }

    /**
     * The default user id on the node of {@code country}, e.g. {@code fr-publisher}; an officer's
     * id is {@code fr-duty-primary}, the primary officer of the example rosters.
     */
    public String defaultUserId(String country) {
        String cc = country.toLowerCase(Locale.ROOT);
        return this == OFFICER ? cc + "-duty-primary" : cc + "-" + key;
    }
}
