package io.aegis.node.security.oidc;

import io.aegis.node.config.OidcConfig;
import io.aegis.node.security.SessionKey;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The checked OIDC configuration ({@code aegis.node.oidc.*}, see {@link OidcConfig}). Created when
 * the node starts: a missing or malformed value stops it with a message naming the key (and never
 * showing the client secret). Invariants: the issuer and the public URL are https, or http to this
 * machine only (a provider or node on localhost); the scope asks for {@code openid}; OIDC needs a
 * configured {@code aegis.node.session-key}, because its sessions and the state of a sign-in under way
 * must hold on every instance of the node.
 */
@Context
@Requires(property = "aegis.node.oidc.enabled", value = "true")
public final class OidcSettings {

    /** Where the console sends a person to sign in with the identity provider. */
    public static final String LOGIN_PATH = "/oauth/login";
    /** Where the identity provider sends the person back (the redirect URI's path). */
    public static final String CALLBACK_PATH = "/oauth/callback";
    static final String PREFIX = "aegis.node.oidc.";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OidcSettings.class);
    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final String name;
    private final URI issuer;
    private final String clientId;
    private final String clientSecret;
    private final URI publicUrl;
    private final String usernameClaim;
    private final String scope;
    private final Duration loginTimeout;

    public OidcSettings(OidcConfig config, SessionKey sessionKey) {
        this.name = required("name", config.name());
        this.issuer = url("issuer", config.issuer());
        this.clientId = required("client-id", config.clientId());
        this.clientSecret = required("client-secret", config.clientSecret());
        this.publicUrl = url("public-url", config.publicUrl());
        this.usernameClaim = required("username-claim", config.usernameClaim());
        this.scope = required("scope", config.scope()).trim();
        if (Arrays.stream(scope.split("\\s+")).noneMatch("openid"::equals)) {
            throw new IllegalArgumentException(PREFIX + "scope must contain openid, has: " + scope);
        }
        Duration timeout = config.loginTimeout();
        if (timeout == null || timeout.compareTo(Duration.ofMinutes(1)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(PREFIX + "login-timeout must be between PT1M and PT1H, is " + timeout);
        }
        this.loginTimeout = timeout;
        if (!sessionKey.configured()) {
            throw new IllegalArgumentException(SessionKey.PROPERTY + " is required when " + PREFIX
                    + "enabled is true: base64 of at least 32 random bytes, the same for every instance of this node");
        }
        LOG.info("sign-in with {} is on: issuer {}, client {}, redirect URI {}, user name from the claim {}",
                name, issuer, clientId, redirectUri(), usernameClaim);
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PREFIX + key + " is required when " + PREFIX + "enabled is true");
        }
        return value;
    }

    /** An absolute https URL (http only to this machine), without user, query or fragment, exactly as written. */
    private static URI url(String key, String value) {
        String text = required(key, value).trim();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be an absolute URL, is not one: " + text, null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(PREFIX + key + " must be an absolute https URL, is: " + text);
        }
        if (scheme.equals("http") && !LOCAL.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(PREFIX + key + " must be https (http is allowed for localhost only), is: " + text);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(PREFIX + key + " must have no user, query or fragment, is: " + text);
        }
        return uri;
    }

    private static String withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** What the console calls the provider. */
    public String name() {
        return name;
    }

    /** The issuer exactly as configured: discovery and ID tokens must name it exactly so. */
    public String issuer() {
        return issuer.toString();
    }

    /** Where the provider's discovery document is ({@code <issuer>/.well-known/openid-configuration}). */
    URI discovery() {
        return URI.create(withoutTrailingSlash(issuer) + "/.well-known/openid-configuration");
    }

    public String clientId() {
        return clientId;
    }

    /** The client secret, for the token request's authentication only. */
    String clientSecret() {
        return clientSecret;
    }

    /** The redirect URI registered at the provider: {@code <public-url>/oauth/callback}. */
    public String redirectUri() {
        return withoutTrailingSlash(publicUrl) + CALLBACK_PATH;
    }

    /** The absolute URL of a path of this node as browsers reach it. */
    public String publicUrl(String path) {
        return withoutTrailingSlash(publicUrl) + path;
    }

    public String usernameClaim() {
        return usernameClaim;
    }

    public String scope() {
        return scope;
    }

    public Duration loginTimeout() {
        return loginTimeout;
    }

    @Override
    public String toString() {
        return "OidcSettings[name=" + name + ", issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=<secret>]";
    }
}
