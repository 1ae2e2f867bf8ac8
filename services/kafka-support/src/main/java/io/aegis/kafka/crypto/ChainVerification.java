package io.aegis.kafka.crypto;

/**
 * The outcome of verifying a hash chain.
 *
 * @param valid    true when every link holds
 * @param brokenAt index of the first record whose link fails, -1 when valid
 * @param reason   empty when valid, otherwise what failed at {@code brokenAt}
 */
public record ChainVerification(boolean valid, int brokenAt, String reason) {

    public static ChainVerification ok() {
        return new ChainVerification(true, -1, "");
    }

    public static ChainVerification broken(int index, String reason) {
        return new ChainVerification(false, index, reason);
    }
}
