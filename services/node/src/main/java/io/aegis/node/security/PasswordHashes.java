package io.aegis.node.security;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bcrypt password hashes (OpenBSD form {@code $2a$|$2b$|$2y$}, cost at least {@value #MIN_COST}),
 * the one password format of the node. Invariants: a password is never kept, only its hash; a
 * check against an unknown user costs the same as against a known one ({@link #checkAgainstNothing}),
 * so timing does not tell whether a user exists.
 */
public final class PasswordHashes {

    /** The least bcrypt cost accepted in configuration and used for new hashes. */
    public static final int MIN_COST = 12;
    private static final Pattern FORMAT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int cost;
    private final String nothing;

    /** Hashes new passwords with {@code cost} (at least {@value #MIN_COST}). */
    public PasswordHashes(int cost) {
        if (cost < MIN_COST || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be " + MIN_COST + "..31, got " + cost);
        }
        this.cost = cost;
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        this.nothing = hash(java.util.HexFormat.of().formatHex(random));
    }

    /**
     * Why {@code hash} is not an acceptable configured hash, if it is not: the rule, never the value.
     */
    public static Optional<String> problem(String hash) {
        Matcher matcher = hash == null ? null : FORMAT.matcher(hash);
        if (matcher == null || !matcher.matches()) {
            return Optional.of("must be a bcrypt hash ($2a$, $2b$ or $2y$, cost, 53 characters of salt and hash)");
        }
        int found = Integer.parseInt(matcher.group(1));
        if (found < MIN_COST || found > 31) {
            return Optional.of("must have a bcrypt cost of " + MIN_COST + "..31, has " + found);
        }
        return Optional.empty();
    }

    /** A fresh salted hash of {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
    }

    /** True when {@code password} matches {@code hash}; false for any malformed input. */
    public static boolean matches(String hash, String password) {
        if (hash == null || password == null || problem(hash).isPresent()) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one check, for a user that does not exist or has no password; always false. */
    public boolean checkAgainstNothing(String password) {
        matches(nothing, password == null ? "" : password);
        return false;
    }
}
