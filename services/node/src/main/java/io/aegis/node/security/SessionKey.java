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

    public SessionKey(@Nullable @Property(name = PROPERTY) String configured, UserDirectory users) {
        this.key = configured == null || configured.isBlank() ? ephemeral(users) : decode(configured);
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
