package io.aegis.node.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The HMAC-SHA256 signature a webhook receiver checks: over {@code timestamp + "." + body},
 * sent as {@code X-Aegis-Signature: sha256=<hex>} with {@code X-Aegis-Timestamp}. Signing the
 * timestamp lets receivers refuse replays of old deliveries.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Aegis-Signature";
    public static final String TIMESTAMP_HEADER = "X-Aegis-Timestamp";
    public static final String DELIVERY_HEADER = "X-Aegis-Delivery";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    public static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time check of a received signature header. */
    public static boolean verify(byte[] secret, String timestamp, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.US_ASCII));
    }
}
