package io.aegis.node.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC key that signs sign-in sessions ({@code aegis.node.session-key}: base64 of at least 32
 * random bytes, generated per deployment, shared by the instances of one node). Created eagerly:
 * a malformed key, or a missing one while users have passwords, stops the node at start with a
 * message naming the key, never showing it. A node without password users and without a key
 * signs with a random key of its own (an ADMIN may add password users later; their sessions then
 * hold on this instance until it restarts), and says so.
 */
@Context
public final class SessionKey {

    public static final String PROPERTY = "aegis.node.session-key";
    static final int MIN_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SessionKey.class);

    private final byte[] key;
    private final boolean configured;

    public SessionKey(@Nullable @Property(name = PROPERTY) String configured, UserDirectory users) {
        this.configured = configured != null && !configured.isBlank();
        this.key = this.configured ? decode(configured) : ephemeral(users);
    }

    /** True when the key comes from the configuration (the same on every instance), false for a random one. */
    public boolean configured() {
        return configured;
    }

    /**
     * A 32-byte key for another purpose, derived from this one (HMAC-SHA256 of {@code purpose}): it
     * cannot sign a session, and the session key cannot be recovered from it.
     */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("aegis-derived-key:" + purpose).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] ephemeral(UserDirectory users) {
        if (users.hasPasswordUsers()) {
            throw new IllegalArgumentException(PROPERTY + " is required when users have a password-hash: "
                    + "base64 of at least " + MIN_BYTES + " random bytes, the same for every instance of this node");
        }
        LOG.warn("{} is not set: sessions are signed with a random key of this instance and end when it restarts",
                PROPERTY);
        byte[] random = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(random);
        return random;
    }

    private static byte[] decode(String configured) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be base64 (of at least " + MIN_BYTES + " random bytes)", null);
        }
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(PROPERTY + " must hold at least " + MIN_BYTES + " bytes, has " + bytes.length);
        }
        return bytes;
    }

    /** The key as base64, for the JWT signature configuration only. */
    String base64() {
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String toString() {
        return "SessionKey[<secret>]";
    }
}
