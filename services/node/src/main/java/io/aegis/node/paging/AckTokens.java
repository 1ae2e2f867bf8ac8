package io.aegis.node.paging;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs and opens acknowledgement link tokens:
 * {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}, unpadded. The payload is a
 * fixed binary layout, version 1: version byte, 16-byte link id, then country, case id, officer id
 * and notification id (each an unsigned 16-bit length and that many UTF-8 bytes), then issuedAt and
 * expiresAt (epoch milliseconds, 64-bit big-endian). Invariants: a token opens only if its MAC
 * matches (compared in constant time) and both parts are canonical base64url, so no two strings
 * open to the same link; the payload is read only after the MAC matched and must be consumed
 * exactly. Expiry, country and use are the caller's checks ({@link Acknowledgements}).
 */
public final class AckTokens {

    static final byte VERSION = 1;
    static final int MAC_BYTES = 32;
    static final int MAX_FIELD_BYTES = 1024;
    static final int MAX_TOKEN_CHARS = 8192;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** @param key the HMAC key, at least 32 bytes */
    public AckTokens(byte[] key) {
        if (key.length < PagingSettings.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the link key must be at least " + PagingSettings.MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The token of a link. */
    public String issue(AckLink link) {
        byte[] payload = payload(link);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The link a token carries; throws {@link InvalidLinkException} when it is malformed or not signed with this key. */
    public AckLink open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw malformed("the link has no token of a valid length");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            throw malformed("the link's token is not two parts separated by a dot");
        }
        byte[] payload = canonical(token.substring(0, dot));
        byte[] mac = canonical(token.substring(dot + 1));
        if (mac.length != MAC_BYTES) {
            throw forged();
        }
        if (!MessageDigest.isEqual(mac, mac(payload))) {
            throw forged();
        }
        return parse(payload);
    }

    private static byte[] canonical(String part) {
        try {
            byte[] bytes = DECODER.decode(part);
            // Java's decoder ignores stray bits in the last character; only the one canonical spelling opens
            if (!ENCODER.encodeToString(bytes).equals(part)) {
                throw malformed("the link's token is not canonical base64url");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw malformed("the link's token is not base64url");
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    static byte[] payload(AckLink link) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.write(link.linkId());
            for (String field : new String[] {link.country(), link.caseId(), link.officerId(), link.notificationId()}) {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                if (utf8.length > MAX_FIELD_BYTES) {
                    throw new IllegalArgumentException("a link field is longer than " + MAX_FIELD_BYTES + " bytes");
                }
                out.writeShort(utf8.length);
                out.write(utf8);
            }
            out.writeLong(link.issuedAt().toEpochMilli());
            out.writeLong(link.expiresAt().toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static AckLink parse(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) {
                throw malformed("the link's token has an unknown version");
            }
            byte[] id = in.readNBytes(AckLink.ID_BYTES);
            if (id.length != AckLink.ID_BYTES) {
                throw malformed("the link's token is truncated");
            }
            String country = field(in);
            String caseId = field(in);
            String officerId = field(in);
            String notificationId = field(in);
            Instant issuedAt = Instant.ofEpochMilli(in.readLong());
            Instant expiresAt = Instant.ofEpochMilli(in.readLong());
            if (in.available() != 0) {
                throw malformed("the link's token has trailing bytes");
            }
            return new AckLink(id, country, caseId, officerId, notificationId, issuedAt, expiresAt);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidLinkException invalid) {
                throw invalid;
            }
            throw malformed("the link's token cannot be read");
        }
    }

    private static String field(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort();
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length != length || length > MAX_FIELD_BYTES) {
            throw malformed("the link's token is truncated");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the link's token is not UTF-8");
        }
    }

    private static InvalidLinkException malformed(String message) {
        return new InvalidLinkException(InvalidLinkException.Kind.MALFORMED, message);
    }

    private static InvalidLinkException forged() {
        return new InvalidLinkException(InvalidLinkException.Kind.FORGED, "this link is not valid");
    }
}
