package io.aegis.node.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.users.UserAction;
import io.aegis.schema.users.UserChange;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in as people do, against a real node and broker: the session cookie, wrong passwords,
 * forged cookies, sign-out, and the ADMIN's user administration with its audit log on
 * {@code aegis.users.FR}. Failed sign-ins are throttled per name and per address, and every call
 * here comes from one address, so the throttle gets a node of its own (DE).
 */
@Tag("integration")
@Timeout(240)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SessionIT {

    static final String COOKIE = "AEGIS_SESSION";
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    KafkaCluster kafka;
    NodeHarness node;

    final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
            new ch.qos.logback.core.read.ListAppender<>();

    @BeforeAll
    void start(KafkaCluster kafka) {
        logs.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        this.kafka = kafka;
        node = new NodeHarness(kafka, NodeHarness.COUNTRY, registry, Map.of("aegis.node.session.max-failures", 1000));
        secrets.addAll(List.of(node.adminPassword, node.officerPassword, "dora-first-password", "dora-second-password"));
    }

    /** Every password used here (a restarted node's harness has new ones: they are added). */
    final java.util.Set<String> secrets = new java.util.HashSet<>();

    @AfterAll
    void stop() {
        node.close();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void shouldNeverLogAPasswordOrAHash() {
        // runs last, over everything the node logged for the sign-ins and user changes above
        List<String> logged = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList();
        assertFalse(logged.isEmpty(), "the node logs something (the capture works)");
        for (String line : logged) {
            assertFalse(line.contains("$2b$") || line.contains("$2a$") || line.contains("$2y$"), line);
            for (String secret : secrets) {
                assertFalse(line.contains(secret), line);
            }
        }
    }

    HttpResponse<String> login(NodeHarness on, String user, String password) {
        return on.send("POST", "/login", null, "application/json",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", Map.of());
    }

    static String sessionOf(HttpResponse<String> login) {
        String header = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + login.headers()));
        return header.substring(COOKIE.length() + 1, header.indexOf(';'));
    }

    HttpResponse<String> withCookie(String method, String path, String session, String json) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cookie", COOKIE + "=" + session);
        headers.put("X-Requested-With", "test");
        return node.send(method, path, null, json == null ? null : "application/json", json, headers);
    }

    @Test
    void shouldSetAnHttpOnlyStrictCookieThatAuthorisesApiCalls() {
        HttpResponse<String> login = login(node, "olivier", node.officerPassword);

        assertEquals(200, login.statusCode(), login.body());
        // cookie attribute names are case-insensitive (RFC 6265 5.2)
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().toLowerCase(java.util.Locale.ROOT);
        assertTrue(cookie.contains("; httponly"), cookie);
        assertTrue(cookie.contains("; samesite=strict"), cookie);
        assertTrue(cookie.contains("; secure"), cookie);
        assertTrue(cookie.contains("; max-age=28800"), cookie);
        assertTrue(cookie.contains("; path=/"), cookie);
        assertTrue(login.body().contains("\"user\":\"olivier\""), login.body());
        assertEquals(200, withCookie("GET", "/api/v1/notifications", sessionOf(login), null).statusCode());
        // the session carries the officer's role, not more
        assertEquals(403, withCookie("GET", "/api/v1/users", sessionOf(login), null).statusCode());
    }

    @Test
    void shouldSignInWithAForm() {
        HttpResponse<String> login = node.send("POST", "/login", null, "application/x-www-form-urlencoded",
                "username=ada&password=" + node.adminPassword, Map.of());

        assertEquals(200, login.statusCode(), login.body());
        assertEquals(200, withCookie("GET", "/api/v1/users", sessionOf(login), null).statusCode());
    }

    @Test
    void shouldAnswerAWrongPasswordAndAnUnknownUserAlike() {
        HttpResponse<String> wrong = login(node, "olivier", "not-the-password-at-all");
        HttpResponse<String> unknown = login(node, "nobody-here", "not-the-password-at-all");

        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(wrong.body(), unknown.body(), "the answer must not tell whether the user exists");
        assertTrue(wrong.body().contains("the user name or the password is wrong"), wrong.body());
        assertTrue(wrong.headers().allValues("Set-Cookie").isEmpty(), "no session for a wrong password");
    }

    @Test
    void shouldRefuseAMalformedSignInNamingTheField() {
        HttpResponse<String> missing = node.send("POST", "/login", null, "application/json", "{\"username\":\"ada\"}", Map.of());

        assertEquals(422, missing.statusCode());
        assertTrue(missing.body().contains("\"field\":\"password\""), missing.body());
    }

    @Test
    void shouldThrottleFailedSignInsEvenForTheRightPassword() {
        NodeHarness de = new NodeHarness(kafka, "DE", registry, Map.of("aegis.node.session.max-failures", 3));
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, login(de, "olivier", "wrong-password-" + i).statusCode());
            }
            HttpResponse<String> refused = login(de, "olivier", de.officerPassword);

            assertEquals(429, refused.statusCode(), refused.body());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
            assertTrue(refused.body().contains("too many failed sign-ins"), refused.body());
            assertTrue(refused.headers().allValues("Set-Cookie").isEmpty());
            // the address is throttled too: another user from it is refused as well
            assertEquals(429, login(de, "ada", de.adminPassword).statusCode());
        } finally {
            de.close();
        }
    }

    @Test
    void shouldRefuseForgedCookiesWithAClearError() throws Exception {
        String valid = sessionOf(login(node, "ada", node.adminPassword));
        String[] parts = valid.split("\\.");
        JWTClaimsSet claims = SignedJWT.parse(valid).getJWTClaimsSet();
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String otherSigned = sign(claims, otherKey);
        JWTClaimsSet expiredClaims = new JWTClaimsSet.Builder(claims)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(9))))
                .notBeforeTime(Date.from(Instant.now().minus(Duration.ofHours(9))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build();
        String expired = sign(expiredClaims, Base64.getDecoder().decode(node.sessionKey));
        String elevated = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new JWTClaimsSet.Builder(claims).subject("olivier").build().toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        for (String forged : List.of(none, otherSigned, expired, elevated, "garbage", "a.b.c", "")) {
            assertRefused(forged);
        }
        // the genuine session still works, signed with the node's key
        assertEquals(200, withCookie("GET", "/api/v1/users", valid, null).statusCode());
        assertEquals(200, withCookie("GET", "/api/v1/users", sign(claims, Base64.getDecoder().decode(node.sessionKey)), null).statusCode());
    }

    @Test
    void shouldRefuseEveryBitFlipOfAValidCookie() {
        String valid = sessionOf(login(node, "ada", node.adminPassword));
        byte[] bytes = valid.getBytes(StandardCharsets.US_ASCII);
        // jqwik draws the bits; each flipped cookie must authenticate nobody (or be the same token)
        Arbitraries.integers().between(0, bytes.length * 8 - 1).sampleStream().limit(150).forEach(bit -> {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            String forged = new String(flipped, StandardCharsets.ISO_8859_1);
            if (forged.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';' && c != ',') && !decodesAlike(forged, valid)) {
                assertRefused(forged);
            }
        });
    }

    /** Base64url has bits past the end of the last character that decoders ignore: such a flip is the same token. */
    static boolean decodesAlike(String forged, String valid) {
        try {
            String[] a = forged.split("\\.", -1);
            String[] b = valid.split("\\.", -1);
            if (a.length != 3) {
                return false;
            }
            for (int i = 0; i < 3; i++) {
                if (!java.util.Arrays.equals(Base64.getUrlDecoder().decode(a[i]), Base64.getUrlDecoder().decode(b[i]))) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    void assertRefused(String forged) {
        String before = node.get("/api/v1/users", NodeHarness.ADMIN).body();
        HttpResponse<String> read = withCookie("GET", "/api/v1/users", forged, null);
        HttpResponse<String> write = withCookie("POST", "/api/v1/users", forged,
                "{\"name\":\"mallory\",\"roles\":[\"ADMIN\"],\"password\":\"mallory-password-1\"}");

        assertEquals(401, read.statusCode(), forged + " -> " + read.body());
        assertTrue(read.body().contains("the session is not valid"), read.body());
        assertEquals(401, write.statusCode(), forged + " -> " + write.body());
        assertEquals(before, node.get("/api/v1/users", NodeHarness.ADMIN).body(), "a forged session changed nothing");
    }

    static String sign(JWTClaimsSet claims, byte[] key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    @Test
    void shouldClearTheCookieOnSignOut() {
        String session = sessionOf(login(node, "olivier", node.officerPassword));

        HttpResponse<String> out = withCookie("POST", "/logout", session, null);

        assertEquals(200, out.statusCode(), out.body());
        String cleared = out.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cleared.startsWith(COOKIE + "=;") && cleared.contains("Max-Age=0"), cleared);
    }

    @Test
    void shouldRequireTheCsrfHeaderOnCookieAuthenticatedWrites() {
        String session = sessionOf(login(node, "ada", node.adminPassword));

        HttpResponse<String> forged = node.send("POST", "/api/v1/users", null, "application/json",
                "{\"name\":\"csrf-victim\",\"roles\":[\"ADMIN\"],\"password\":\"csrf-password-123\"}",
                Map.of("Cookie", COOKIE + "=" + session));

        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("X-Requested-With"), forged.body());
        assertFalse(node.get("/api/v1/users", NodeHarness.ADMIN).body().contains("csrf-victim"));
    }

    @Test
    void shouldLetOnlyAdminsManageUsers() {
        String officer = sessionOf(login(node, "olivier", node.officerPassword));
        String body = "{\"name\":\"eve\",\"roles\":[\"ADMIN\"],\"password\":\"eve-password-123\"}";

        assertEquals(403, node.get("/api/v1/users", NodeHarness.OFFICER).statusCode());
        assertEquals(403, node.post("/api/v1/users", NodeHarness.OPERATOR, body).statusCode());
        assertEquals(403, withCookie("POST", "/api/v1/users", officer, body).statusCode());
        assertEquals(403, withCookie("POST", "/api/v1/users/olivier/disable", officer, null).statusCode());
        assertFalse(node.get("/api/v1/users", NodeHarness.ADMIN).body().contains("\"eve\""));
    }

    @Test
    void shouldRefuseBadNewUsersNamingEachField() {
        HttpResponse<String> bad = node.post("/api/v1/users", NodeHarness.ADMIN,
                "{\"name\":\"Bad Name\",\"roles\":[\"KING\"],\"password\":\"short\"}");
        HttpResponse<String> sameAsName = node.post("/api/v1/users", NodeHarness.ADMIN,
                "{\"name\":\"frank-the-officer\",\"roles\":[\"DUTY_OFFICER\"],\"password\":\"Frank-The-Officer\"}");

        assertEquals(422, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("\"field\":\"name\""), bad.body());
        assertTrue(bad.body().contains("\"field\":\"roles[0]\""), bad.body());
        assertTrue(bad.body().contains("at least 12 characters"), bad.body());
        assertEquals(422, sameAsName.statusCode());
        assertTrue(sameAsName.body().contains("must not be the user name"), sameAsName.body());
        assertEquals(409, node.post("/api/v1/users/ada/disable", NodeHarness.ADMIN, null).statusCode(),
                "an ADMIN cannot disable themselves");
        String users = node.get("/api/v1/users", NodeHarness.ADMIN).body();
        assertFalse(users.contains("frank-the-officer"), users);
        assertTrue(users.contains("{\"name\":\"ada\",\"roles\":[\"ADMIN\"],\"enabled\":true"), users);
    }

    @Test
    void shouldEndSessionsOfDisabledUsersAndOnPasswordResetAndKeepChangesAcrossARestart() {
        String first = "dora-first-password";
        HttpResponse<String> added = node.post("/api/v1/users", NodeHarness.ADMIN,
                "{\"name\":\"dora\",\"roles\":[\"DUTY_OFFICER\"],\"password\":\"" + first + "\"}");
        assertEquals(201, added.statusCode(), added.body());
        assertFalse(added.body().contains("$2") || added.body().contains(first), "no hash, no password: " + added.body());
        String session = sessionOf(login(node, "dora", first));
        assertEquals(200, withCookie("GET", "/api/v1/notifications", session, null).statusCode());

        // disabled: the open session, and signing in again, are refused
        assertEquals(200, node.post("/api/v1/users/dora/disable", NodeHarness.ADMIN, "{\"reason\":\"on leave\"}").statusCode());
        assertEquals(401, withCookie("GET", "/api/v1/notifications", session, null).statusCode());
        assertEquals(401, login(node, "dora", first).statusCode());

        // enabled again, then the password reset: the session from before the reset is refused
        assertEquals(200, node.post("/api/v1/users/dora/enable", NodeHarness.ADMIN, null).statusCode());
        String beforeReset = sessionOf(login(node, "dora", first));
        String second = "dora-second-password";
        assertEquals(200, node.post("/api/v1/users/dora/password", NodeHarness.ADMIN,
                "{\"password\":\"" + second + "\"}").statusCode());
        assertEquals(401, withCookie("GET", "/api/v1/notifications", beforeReset, null).statusCode());
        assertEquals(401, login(node, "dora", first).statusCode());
        String afterReset = sessionOf(login(node, "dora", second));
        assertEquals(200, withCookie("GET", "/api/v1/notifications", afterReset, null).statusCode());
        assertEquals(200, node.post("/api/v1/users/dora/disable", NodeHarness.ADMIN, null).statusCode());

        // the audit log holds every change, with who and when
        List<UserChange> log = node.readAll(node.topics.users(NodeHarness.COUNTRY)).stream()
                .filter(c -> c.getUser().equals("dora")).toList();
        assertEquals(List.of(UserAction.ADDED, UserAction.DISABLED, UserAction.ENABLED, UserAction.PASSWORD_RESET,
                UserAction.DISABLED), log.stream().map(UserChange::getAction).toList());
        assertTrue(log.stream().allMatch(c -> c.getBy().equals("ada") && c.getAt().isAfter(Instant.now().minusSeconds(300))));
        assertEquals(List.of("DUTY_OFFICER"), log.get(0).getRoles());
        assertEquals("on leave", log.get(1).getReason());
        assertTrue(log.get(0).getPasswordHash().startsWith("$2b$12$"), "the audit log keeps the hash, not the password");
        assertEquals(null, log.get(1).getPasswordHash());

        // a restarted node folds the log in again: dora is still disabled, and her password is the second one
        node.close();
        node = new NodeHarness(kafka, NodeHarness.COUNTRY, registry, Map.of("aegis.node.session.max-failures", 1000));
        secrets.addAll(List.of(node.adminPassword, node.officerPassword));
        String users = node.get("/api/v1/users", NodeHarness.ADMIN).body();
        assertTrue(users.contains("{\"name\":\"dora\",\"roles\":[\"DUTY_OFFICER\"],\"enabled\":false,\"hasPassword\":true,"
                + "\"hasToken\":false}"), users);
        assertEquals(401, login(node, "dora", second).statusCode());
        assertEquals(200, node.post("/api/v1/users/dora/enable", NodeHarness.ADMIN, null).statusCode());
        assertEquals(200, login(node, "dora", second).statusCode());
        assertEquals(401, login(node, "dora", first).statusCode());
        assertFalse(users.contains("$2"), users);
    }
}
