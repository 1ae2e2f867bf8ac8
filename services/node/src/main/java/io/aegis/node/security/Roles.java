package io.aegis.node.security;

import java.util.Set;

/** The node's roles, as used in {@code @Secured}. */
public final class Roles {

    public static final String PUBLISHER = "PUBLISHER";
    public static final String DUTY_OFFICER = "DUTY_OFFICER";
    public static final String OPERATOR = "OPERATOR";
    public static final String ADMIN = "ADMIN";
    public static final Set<String> ALL = Set.of(PUBLISHER, DUTY_OFFICER, OPERATOR, ADMIN);

    private Roles() {
    }
}
