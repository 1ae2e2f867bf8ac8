package io.aegis.node.security.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import io.aegis.node.security.SessionKey;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of sign-ins under way at the identity provider, kept by the browser that started them:
 * a cookie holding state, nonce, PKCE verifier, return path and deadline, encrypted and authenticated
 * (JWE, {@code dir} + A256GCM) with a key derived from the session key, so any instance of the node
 * can finish what another started, and nobody can read or forge it. Invariants: a pending sign-in is
 * finished at most once per instance (its state is remembered as used until its deadline), only in
 * the browser that started it (the callback's {@code state} must be the cookie's), and not after its
 * deadline.
 */
@Singleton
@Requires(property = "aegis.node.oidc.enabled", value = "true")
public final class PendingLogins {

    /** The cookie holding the pending sign-in; sent only to the callback. */
    public static final String COOKIE = "AEGIS_OIDC";

    /** One sign-in under way. */
    public record Pending(String state, String nonce, String verifier, String returnTo, Instant deadline) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;
    private final OidcSettings settings;
    private final Clock clock;
    private final Cache<String, Boolean> used;

    public PendingLogins(SessionKey sessionKey, OidcSettings settings) {
        this(sessionKey.derive("oidc-pending-login"), settings, Clock.systemUTC());
    }

    PendingLogins(byte[] key, OidcSettings settings, Clock clock) {
        this.key = key.clone();
        this.settings = settings;
        this.clock = clock;
        this.used = Caffeine.newBuilder().expireAfterWrite(settings.loginTimeout().plusMinutes(1)).maximumSize(100_000).build();
    }

    /** A new pending sign-in with fresh random state, nonce and verifier, ending {@code returnTo} (already checked). */
    public Pending start(String returnTo) {
        return new Pending(random(), random(), random() + random(), returnTo, clock.instant().plus(settings.loginTimeout()));
    }

    /** The cookie value carrying {@code pending}. */
    public String seal(Pending pending) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("state", pending.state());
        fields.put("nonce", pending.nonce());
        fields.put("verifier", pending.verifier());
        fields.put("returnTo", pending.returnTo());
        fields.put("deadline", pending.deadline().getEpochSecond());
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(fields));
        try {
            jwe.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("the pending sign-in could not be sealed", e);
        }
        return jwe.serialize();
    }

    /**
     * The pending sign-in the callback with {@code state} finishes, given the browser's cookie; marks it
     * used. Refused (400) without cookie or state, when the cookie is not one of this node's, when the
     * states differ, after the deadline, and the second time.
     */
    public Pending finish(String cookie, String state) {
        if (cookie == null || cookie.isBlank()) {
            throw new OidcRefusal(OidcRefusal.BAD_STATE, "no sign-in was started in this browser, or it took longer than "
                    + settings.loginTimeout().toMinutes() + " minutes: start the sign-in again from the console");
        }
        if (state == null || state.isBlank()) {
            throw new OidcRefusal(OidcRefusal.BAD_STATE, "the identity provider sent no state back: start the sign-in again");
        }
        Pending pending = open(cookie);
        if (!java.security.MessageDigest.isEqual(pending.state().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                state.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new OidcRefusal(OidcRefusal.BAD_STATE, "the state sent back is not the one of the sign-in started in "
                    + "this browser: start the sign-in again from the console");
        }
        if (clock.instant().isAfter(pending.deadline())) {
            throw new OidcRefusal(OidcRefusal.BAD_STATE, "the sign-in took longer than "
                    + settings.loginTimeout().toMinutes() + " minutes: start it again from the console");
        }
        if (used.asMap().putIfAbsent(pending.state(), Boolean.TRUE) != null) {
            throw new OidcRefusal(OidcRefusal.BAD_STATE, "this sign-in was already finished once; start a new one from the console");
        }
        return pending;
    }

    private Pending open(String cookie) {
        try {
            JWEObject jwe = JWEObject.parse(cookie);
            if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
                throw new OidcRefusal(OidcRefusal.BAD_STATE, "the sign-in cookie is not one of this node's: start the sign-in again");
            }
            jwe.decrypt(new DirectDecrypter(key));
            Map<String, Object> fields = jwe.getPayload().toJSONObject();
            return new Pending(text(fields, "state"), text(fields, "nonce"), text(fields, "verifier"),
                    ReturnTo.of(text(fields, "returnTo")), Instant.ofEpochSecond(((Number) fields.get("deadline")).longValue()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            if (e instanceof OidcRefusal refusal) {
                throw refusal;
            }
            throw new OidcRefusal(OidcRefusal.BAD_STATE, "the sign-in cookie is not one of this node's: start the sign-in again");
        }
    }

    private static String text(Map<String, Object> fields, String name) {
        if (!(fields.get(name) instanceof String value)) {
            throw new IllegalArgumentException(name + " missing");
        }
        return value;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
