package io.aegis.kafka.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a generated secret (a password or bearer token), as services are configured with
 * it: 64 hex characters, never the secret itself. The secrets are high-entropy random strings, so
 * an unsalted hash is enough. Invariant: {@link #matches} always hashes the presented secret and
 * compares in constant time, also when there is nothing to compare with (an unknown user name),
 * so timing tells a caller nothing.
 */
public final class SecretHash {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] NOTHING = new byte[32];

    private SecretHash() {
    }

    /** SHA-256 of the secret's UTF-8 bytes (null counts as empty). */
    public static byte[] of(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Lowercase hex SHA-256 of the secret: what a {@code *-sha256} setting holds. */
    public static String hex(String secret) {
        return HexFormat.of().formatHex(of(secret));
    }

    /** A configured hash as bytes, when it is exactly 64 hex characters (either case); empty otherwise. */
    public static Optional<byte[]> parse(String configured) {
        String hex = configured == null ? "" : configured.toLowerCase(Locale.ROOT);
        return HEX.matcher(hex).matches() ? Optional.of(HexFormat.of().parseHex(hex)) : Optional.empty();
    }

    /** Whether {@code presented} hashes to {@code expected}; null {@code expected} never matches, in the same time. */
    public static boolean matches(byte[] expected, String presented) {
        boolean equal = MessageDigest.isEqual(expected == null ? NOTHING : expected, of(presented));
        return equal && expected != null;
    }
}
