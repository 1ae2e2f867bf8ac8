package io.aegis.kafka.crypto;

/**
 * The outcome of verifying a signed record: valid, or the one check that failed in words
 * fit for a DLQ reason header or a log line.
 *
 * @param valid  true when every check passed
 * @param reason empty when valid, otherwise what failed
 */
public record VerificationResult(boolean valid, String reason) {

    private static final VerificationResult OK = new VerificationResult(true, "");

    public VerificationResult {
        if (valid != (reason == null || reason.isEmpty())) {
            throw new IllegalArgumentException("a failed verification needs a reason, a valid one none");
        }
    }

    public static VerificationResult ok() {
        return OK;
    }

    public static VerificationResult failed(String reason) {
        return new VerificationResult(false, reason);
    }
}
