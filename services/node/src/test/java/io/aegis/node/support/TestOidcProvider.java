package io.aegis.node.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small but real OpenID Connect provider over HTTP, for tests: issuer {@code http://localhost:<port>/realms/aegis}
 * (shaped like Keycloak's), a discovery document, a JWKS with one RSA key, an authorization endpoint that
 * signs in whoever the test says ({@link #signInAs}) and redirects back with a code and the state, and a
 * token endpoint that checks the client's secret, the code (once), the redirect URI and the PKCE verifier,
 * then answers an RS256 ID token, spoiled as the test asks ({@link #spoil}) to see the node refuse it.
 */
public final class TestOidcProvider implements AutoCloseable {

    /** How the next ID tokens are spoiled. */
    public enum Spoil { NONE, WRONG_KEY, WRONG_ISSUER, WRONG_AUDIENCE, EXPIRED, WRONG_NONCE, UNSIGNED_HMAC }

    public final String clientId = "aegis-node-fr";
    public final String clientSecret;
    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey rogue;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile String user = "olivier";
    private volatile Spoil spoil = Spoil.NONE;
    private volatile String redirectUri;

    private record Grant(String redirectUri, String nonce, String challenge, String user) {
    }

    private final String host;

    /** A provider at {@code http://localhost:<port>}. */
    public TestOidcProvider() {
        this("localhost");
    }

    /** A provider at {@code http://<host>:<port>} ({@code 127.0.0.1} is another site than a node on localhost, for browsers). */
    public TestOidcProvider(String host) {
        this.host = host;
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
            rogue = new RSAKeyGenerator(2048).keyID("test-key-1").generate(); // same kid, not published
            server = HttpServer.create(new InetSocketAddress(host, 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        clientSecret = random();
        server.createContext("/realms/aegis/.well-known/openid-configuration", this::discovery);
        server.createContext("/realms/aegis/protocol/openid-connect/certs", this::jwks);
        server.createContext("/realms/aegis/protocol/openid-connect/auth", this::authorize);
        server.createContext("/realms/aegis/protocol/openid-connect/token", this::token);
        server.start();
    }

    public String issuer() {
        return "http://" + host + ":" + server.getAddress().getPort() + "/realms/aegis";
    }

    /** The redirect URI registered for the node; the authorization and token endpoints accept no other. */
    public void register(String redirectUri) {
        this.redirectUri = redirectUri;
    }

    /** Who the authorization endpoint signs in from now on (the {@code preferred_username} of the ID token). */
    public void signInAs(String user) {
        this.user = user;
    }

    public void spoil(Spoil spoil) {
        this.spoil = spoil;
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String base = issuer() + "/protocol/openid-connect";
        answer(exchange, 200, "application/json", """
                {"issuer": "%s", "authorization_endpoint": "%s/auth", "token_endpoint": "%s/token", "jwks_uri": "%s/certs",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256", "HS256", "none"],
                 "code_challenge_methods_supported": ["S256"]}""".formatted(issuer(), base, base, base));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        answer(exchange, 200, "application/json", new JWKSet(key.toPublicJWK()).toString());
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        if (!clientId.equals(query.get("client_id")) || redirectUri == null || !redirectUri.equals(query.get("redirect_uri"))
                || !"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null || !List.of(query.getOrDefault("scope", "").split(" ")).contains("openid")) {
            answer(exchange, 400, "text/plain", "bad authorization request " + query.keySet());
            return;
        }
        String code = random();
        codes.put(code, new Grant(query.get("redirect_uri"), query.get("nonce"), query.get("code_challenge"), user));
        // as Keycloak does: its session and its issuer (RFC 9207) come back too
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8) + "&session_state=" + random()
                + "&iss=" + URLEncoder.encode(issuer(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod()) || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "application/json", "{\"error\": \"invalid_client\"}");
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (grant == null || !"authorization_code".equals(form.get("grant_type")) || !grant.redirectUri().equals(form.get("redirect_uri"))
                || form.get("code_verifier") == null || !grant.challenge().equals(challenge(form.get("code_verifier")))) {
            answer(exchange, 400, "application/json", "{\"error\": \"invalid_grant\"}");
            return;
        }
        tokensIssued.incrementAndGet();
        answer(exchange, 200, "application/json", "{\"access_token\": \"" + random() + "\", \"token_type\": \"Bearer\", "
                + "\"expires_in\": 300, \"id_token\": \"" + idToken(grant) + "\"}");
    }

    private String idToken(Grant grant) {
        Spoil how = spoil;
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(how == Spoil.WRONG_ISSUER ? "http://localhost:1/realms/other" : issuer())
                .audience(how == Spoil.WRONG_AUDIENCE ? "another-client" : clientId)
                .subject("sub-" + grant.user())
                .issueTime(Date.from(how == Spoil.EXPIRED ? now.minus(Duration.ofHours(2)) : now))
                .expirationTime(Date.from(how == Spoil.EXPIRED ? now.minus(Duration.ofHours(1)) : now.plus(Duration.ofMinutes(5))))
                .claim("nonce", how == Spoil.WRONG_NONCE ? "not-the-nonce" : grant.nonce())
                .claim("preferred_username", grant.user())
                // the node takes roles from its own directory, never from here
                .claim("roles", List.of("ADMIN"))
                .build();
        try {
            if (how == Spoil.UNSIGNED_HMAC) {
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
                jwt.sign(new com.nimbusds.jose.crypto.MACSigner(clientSecret.repeat(2)));
                return jwt.serialize();
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(how == Spoil.WRONG_KEY ? rogue : key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A URI of this provider. */
    public URI uri(String path) {
        return URI.create(issuer() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
