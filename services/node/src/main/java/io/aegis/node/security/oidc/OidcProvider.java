package io.aegis.node.security.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agency's OpenID Connect provider, spoken to over HTTP: its discovery document (read on the first
 * sign-in, kept once read), the authorization request (code flow, PKCE S256, nonce), the token request
 * (client secret by HTTP Basic) and the validation of the ID token. Invariants: the discovery document
 * must name the configured issuer; an ID token counts only with a signature by a key of the provider's
 * JWKS under an asymmetric algorithm it announces (never {@code none} or HMAC), the configured issuer,
 * this node's client id among its audiences (and as {@code azp} when there are several), an expiry not
 * past, and the nonce of the sign-in under way. The client secret, codes and tokens are never logged.
 */
@Singleton
@Requires(property = "aegis.node.oidc.enabled", value = "true")
public final class OidcProvider {

    /** What the provider's discovery document says, as far as the node uses it. */
    record Metadata(URI authorization, URI token, JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OidcSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile Metadata metadata;

    public OidcProvider(OidcSettings settings) {
        this.settings = settings;
    }

    /** Where to send the browser to sign in for {@code pending}. */
    public String authorizationUrl(PendingLogins.Pending pending) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", settings.redirectUri());
        query.put("scope", settings.scope());
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        query.put("code_challenge", challenge(pending.verifier()));
        query.put("code_challenge_method", "S256");
        String endpoint = metadata().authorization().toString();
        return endpoint + (endpoint.contains("?") ? "&" : "?") + form(query);
    }

    /** The PKCE S256 challenge of {@code verifier}. */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Redeems {@code code} for the ID token of {@code pending} and answers its validated claims. */
    public JWTClaimsSet redeem(String code, PendingLogins.Pending pending) {
        Metadata meta = metadata();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", settings.redirectUri());
        form.put("code_verifier", pending.verifier());
        String basic = Base64.getEncoder().encodeToString((encode(settings.clientId()) + ":" + encode(settings.clientSecret()))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(meta.token()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(form(form))).build();
        HttpResponse<String> response = send(request, "token endpoint");
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            String error = body == null ? "" : body.path("error").asText("");
            LOG.warn("OIDC sign-in refused: the token endpoint answered {} {}", response.statusCode(), error);
            throw new OidcRefusal(OidcRefusal.NOT_AUTHENTICATED, "the identity provider refused to redeem the sign-in"
                    + (error.isEmpty() ? "" : " (" + error + ")") + ": start the sign-in again");
        }
        if (response.statusCode() != 200 || body == null || !body.path("id_token").isTextual()) {
            throw providerFailed("its token endpoint answered " + response.statusCode() + " without an ID token");
        }
        return validate(body.path("id_token").asText(), pending.nonce(), meta);
    }

    private JWTClaimsSet validate(String idToken, String nonce, Metadata meta) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(meta.algorithms(), meta.keys()));
        Set<String> required = new HashSet<>(List.of("sub", "iat", "exp", "nonce"));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(List.of(settings.clientId())),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).claim("nonce", nonce).build(), required, null));
        try {
            JWTClaimsSet claims = processor.process(idToken, null);
            if (claims.getAudience().size() > 1 && !settings.clientId().equals(claims.getStringClaim("azp"))) {
                throw new BadJOSEException("the ID token has several audiences and its azp is not this node's client id");
            }
            return claims;
        } catch (BadJOSEException | java.text.ParseException e) {
            // the expected nonce is part of the sign-in's secret state: never shown nor logged
            String why = e.getMessage() != null && e.getMessage().contains("nonce")
                    ? "its nonce is not the one of this sign-in" : e.getMessage();
            LOG.warn("OIDC sign-in refused: the ID token is not valid: {}", why);
            throw new OidcRefusal(OidcRefusal.NOT_AUTHENTICATED, "the identity provider's ID token was refused: " + why);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw providerFailed("its signing keys could not be read (" + e.getMessage() + ")");
        }
    }

    /** The discovery document, read once it is first needed; read again while it could not be. */
    Metadata metadata() {
        Metadata known = metadata;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (metadata == null) {
                metadata = discover();
            }
            return metadata;
        }
    }

    private Metadata discover() {
        HttpRequest request = HttpRequest.newBuilder(settings.discovery()).timeout(TIMEOUT).header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response = send(request, "discovery document");
        JsonNode doc = parse(response.body());
        if (response.statusCode() != 200 || doc == null) {
            throw providerFailed("its discovery document " + settings.discovery() + " answered " + response.statusCode());
        }
        if (!settings.issuer().equals(doc.path("issuer").asText(null))) {
            throw providerFailed("its discovery document names the issuer " + doc.path("issuer").asText("(none)")
                    + ", not the configured aegis.node.oidc.issuer " + settings.issuer());
        }
        URI authorization = endpoint(doc, "authorization_endpoint");
        URI token = endpoint(doc, "token_endpoint");
        URI jwks = endpoint(doc, "jwks_uri");
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        doc.path("id_token_signing_alg_values_supported").forEach(a -> {
            if (ASYMMETRIC.contains(a.asText())) {
                algorithms.add(JWSAlgorithm.parse(a.asText()));
            }
        });
        if (algorithms.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256); // the default of OpenID Connect Discovery 1.0
        }
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwks.toURL()).retrying(true).build();
            LOG.info("OIDC provider {} discovered: ID tokens signed with {}", settings.issuer(),
                    algorithms.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", ")));
            return new Metadata(authorization, token, keys, Set.copyOf(algorithms));
        } catch (MalformedURLException e) {
            throw providerFailed("its jwks_uri is not a URL");
        }
    }

    private static URI endpoint(JsonNode doc, String field) {
        String value = doc.path(field).asText("");
        try {
            URI uri = new URI(value);
            if ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw providerFailed("its discovery document has no usable " + field);
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw providerFailed("its " + what + " could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw providerFailed("the request to its " + what + " was interrupted");
        }
    }

    /** The JSON object {@code body} holds, or null. */
    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static OidcRefusal providerFailed(String why) {
        LOG.warn("OIDC sign-in failed: the identity provider misbehaved: {}", why);
        return new OidcRefusal(OidcRefusal.PROVIDER_FAILED, "the identity provider could not be used: " + why);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
