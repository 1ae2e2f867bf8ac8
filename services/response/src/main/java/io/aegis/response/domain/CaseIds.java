package io.aegis.response.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Case identifiers: {@code case-<group>-<n>}, where {@code group} is the first 16 hex digits of
 * SHA-256(correlation key) and {@code n} counts the cases of that group (a new case opens when the
 * previous one is resolved). The group part is the routing key that brings a group's escalations
 * and its cases' commands to the same stream task.
 */
public final class CaseIds {

    private static final Pattern CASE_ID = Pattern.compile("case-([0-9a-f]{16})-([1-9][0-9]{0,8})");

    private CaseIds() {
    }

    public static String caseId(String correlationKey, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("case number must be at least 1, got " + number);
        }
        return "case-" + group(correlationKey) + "-" + number;
    }

    /** The routing key of a correlation group. */
    public static String group(String correlationKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(correlationKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** The routing key of a case id, or empty when the id is not a well-formed case id. */
    public static Optional<String> groupOf(String caseId) {
        return match(caseId).map(matcher -> matcher.group(1));
    }

    /** The case's number within its group, or empty when the id is not a well-formed case id. */
    public static Optional<Integer> numberOf(String caseId) {
        return match(caseId).map(matcher -> Integer.parseInt(matcher.group(2)));
    }

    private static Optional<Matcher> match(String caseId) {
        if (caseId == null) {
            return Optional.empty();
        }
        Matcher matcher = CASE_ID.matcher(caseId);
        return matcher.matches() ? Optional.of(matcher) : Optional.empty();
    }
}
