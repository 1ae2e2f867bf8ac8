package io.aegis.router.security;

/**
 * An authenticated user of the router API and what it may see.
 *
 * @param name    the configured user name
 * @param country the member it acts for, or null for a coordination-centre operator
 */
public record ApiUser(String name, String country) {

    public boolean coordination() {
        return country == null;
    }

    /**
     * Whether this user may see what the router holds on a signal of the given origin (null when
     * no origin is recorded). A member sees its own signals only; the coordination centre sees all.
     * An unknown origin is shown to no member: the check fails closed.
     */
    public boolean maySee(String origin) {
        return coordination() || country.equals(origin);
    }
}
