package io.aegis.node.security.oidc;

import java.util.regex.Pattern;

/**
 * Where a person goes after signing in with the identity provider: a console path of this node, or
 * the console's start page. Invariant: never another site (no scheme, no {@code //}, no backslash,
 * no dot segments, no percent-encoding, nothing outside {@code /console/}), so the sign-in is no open redirect.
 */
public final class ReturnTo {

    /** The console's start page: where a sign-in without (or with a refused) return path ends. */
    public static final String CONSOLE = "/console/";
    private static final Pattern SAFE = Pattern.compile("/console/[A-Za-z0-9._~!$&'()*+,;=:@/?#-]{0,500}");

    private ReturnTo() {
    }

    /** {@code requested} if it is a safe console path, else {@link #CONSOLE}. */
    public static String of(String requested) {
        if (requested == null || !SAFE.matcher(requested).matches() || requested.contains("//")
                || requested.contains("/../") || requested.contains("/./") || requested.endsWith("/..")) {
            return CONSOLE;
        }
        return requested;
    }
}
