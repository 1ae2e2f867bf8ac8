package io.aegis.node.api;

import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.node.support.NodeHarness;
import io.aegis.node.support.TestOidcProvider;
import io.aegis.node.support.TestOidcProvider.Spoil;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in through the agency's identity provider, end to end: a real node and broker, and a real
 * OpenID Connect provider over HTTP ({@link TestOidcProvider}). The browser is played by hand: every
 * redirect followed and every cookie carried explicitly, so each step's answer is checked.
 */
@Tag("integration")
@Timeout(240)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcIT {

    static final String SESSION = "AEGIS_SESSION";
    static final String PENDING = "AEGIS_OIDC";
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
            new ch.qos.logback.core.read.ListAppender<>();
    KafkaCluster kafka;
    TestOidcProvider provider;
    NodeHarness node;
    String publicUrl;

    @BeforeAll
    void start(KafkaCluster kafka) {
        logs.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        this.kafka = kafka;
        provider = new TestOidcProvider();
        int port = freePort();
        publicUrl = "http://localhost:" + port;
        provider.register(publicUrl + "/oauth/callback");
        Map<String, Object> oidc = new HashMap<>();
        oidc.put("micronaut.server.port", port);
        oidc.put("aegis.node.session.secure-cookie", false);
        oidc.put("aegis.node.oidc.enabled", true);
        oidc.put("aegis.node.oidc.name", "Agency IdP");
        oidc.put("aegis.node.oidc.issuer", provider.issuer());
        oidc.put("aegis.node.oidc.client-id", provider.clientId);
        oidc.put("aegis.node.oidc.client-secret", provider.clientSecret);
        oidc.put("aegis.node.oidc.public-url", publicUrl);
        node = new NodeHarness(kafka, NodeHarness.COUNTRY, registry, oidc);
    }

    @AfterAll
    void stop() {
        node.close();
        provider.close();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        List<String> logged = logs.list.stream().map(e -> e.getFormattedMessage()).toList();
        assertTrue(logged.stream().anyMatch(l -> l.contains("signed in through the identity provider")), "the capture works");
        assertTrue(logged.stream().noneMatch(l -> l.contains(provider.clientSecret)), "the client secret is never logged");
    }

    @AfterEach
    void honest() {
        provider.spoil(Spoil.NONE);
        provider.signInAs("olivier");
    }

    /** The steps of one sign-in as a browser makes them. */
    record Flow(HttpResponse<String> login, String pendingCookie, URI callback, HttpResponse<String> finish) {
    }

    Flow signIn(String returnTo) {
        HttpResponse<String> login = get(URI.create(publicUrl + "/oauth/login"
                + (returnTo == null ? "" : "?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8))), null);
        assertEquals(302, login.statusCode(), login.body());
        String pending = cookie(login, PENDING).orElseThrow(() -> new AssertionError("no pending cookie " + login.headers()));
        String setCookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(PENDING)).findFirst()
                .orElseThrow().toLowerCase(Locale.ROOT);
        assertTrue(setCookie.contains("; httponly") && setCookie.contains("; samesite=lax")
                && setCookie.contains("; path=/oauth/callback"), setCookie);
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.toString().startsWith(provider.issuer() + "/"), authorize.toString());
        assertTrue(authorize.getRawQuery().contains("code_challenge_method=S256"), authorize.toString());
        HttpResponse<String> atProvider = get(authorize, null);
        assertEquals(302, atProvider.statusCode(), atProvider.body());
        URI callback = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        assertTrue(callback.toString().startsWith(publicUrl + "/oauth/callback?"), callback.toString());
        return new Flow(login, pending, callback, get(callback, PENDING + "=" + pending));
    }

    HttpResponse<String> get(URI uri, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Optional<String> cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .filter(v -> !v.isEmpty()).findFirst();
    }

    HttpResponse<String> withSession(String path, String session) {
        return node.send("GET", path, null, null, null, Map.of("Cookie", SESSION + "=" + session));
    }

    static void assertNoSession(HttpResponse<String> response) {
        assertTrue(cookie(response, SESSION).isEmpty(), "no session: " + response.headers().allValues("Set-Cookie"));
    }

    @Test
    void shouldIssueTheNodesOwnSessionWithTheDirectorysRoles() {
        Flow flow = signIn(null);

        assertEquals(303, flow.finish().statusCode(), flow.finish().body());
        assertEquals(publicUrl + "/console/", flow.finish().headers().firstValue("Location").orElseThrow());
        String session = cookie(flow.finish(), SESSION).orElseThrow(() -> new AssertionError(flow.finish().headers().toString()));
        String setCookie = flow.finish().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION))
                .findFirst().orElseThrow().toLowerCase(Locale.ROOT);
        assertTrue(setCookie.contains("; httponly") && setCookie.contains("; samesite=strict") && setCookie.contains("; path=/"),
                setCookie);
        assertEquals(200, withSession("/api/v1/cases", session).statusCode());
        // olivier is a DUTY_OFFICER in the directory; the ID token's "roles": ["ADMIN"] counts for nothing
        assertEquals(403, withSession("/api/v1/users", session).statusCode());
        // the pending sign-in is cleared
        assertTrue(flow.finish().headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(PENDING + "=")
                && c.toLowerCase(Locale.ROOT).contains("max-age=0")), flow.finish().headers().allValues("Set-Cookie").toString());
    }

    @Test
    void shouldGiveAnAdminTheAdminsRoles() {
        provider.signInAs("ada");
        String session = cookie(signIn(null).finish(), SESSION).orElseThrow();

        assertEquals(200, withSession("/api/v1/users", session).statusCode());
    }

    @ParameterizedTest
    @EnumSource(value = Spoil.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void shouldRefuseAnIdTokenThatDoesNotCheckOut(Spoil spoil) {
        provider.spoil(spoil);
        int before = provider.tokensIssued();
        HttpResponse<String> finish = signIn(null).finish();

        assertEquals(before + 1, provider.tokensIssued(), "the node did redeem the code");
        assertEquals(401, finish.statusCode(), spoil + ": " + finish.body());
        assertTrue(finish.body().contains("ID token was refused"), finish.body());
        assertNoSession(finish);
    }

    @Test
    void shouldRefuseAReplayedCallback() {
        Flow flow = signIn(null);
        assertEquals(303, flow.finish().statusCode());

        HttpResponse<String> again = get(flow.callback(), PENDING + "=" + flow.pendingCookie());

        assertEquals(400, again.statusCode(), again.body());
        assertTrue(again.body().contains("already finished"), again.body());
        assertNoSession(again);
    }

    @Test
    void shouldRefuseATamperedStateOrAnotherBrowsersCallback() {
        HttpResponse<String> first = get(URI.create(publicUrl + "/oauth/login"), null);
        HttpResponse<String> second = get(URI.create(publicUrl + "/oauth/login"), null);
        String firstCookie = cookie(first, PENDING).orElseThrow();
        URI secondCallback = URI.create(get(URI.create(second.headers().firstValue("Location").orElseThrow()), null)
                .headers().firstValue("Location").orElseThrow());

        // the second sign-in's callback arriving in the first one's browser (a login CSRF)
        HttpResponse<String> crossed = get(secondCallback, PENDING + "=" + firstCookie);
        assertEquals(400, crossed.statusCode(), crossed.body());
        assertNoSession(crossed);
        // the state changed on the way
        HttpResponse<String> tampered = get(URI.create(secondCallback.toString().replaceAll("state=[^&]+", "state=forged")),
                PENDING + "=" + cookie(second, PENDING).orElseThrow());
        assertEquals(400, tampered.statusCode(), tampered.body());
        assertNoSession(tampered);
        // no cookie at all, and a cookie not sealed by the node
        assertEquals(400, get(secondCallback, null).statusCode());
        assertEquals(400, get(secondCallback, PENDING + "=" + firstCookie.substring(0, firstCookie.length() - 4) + "AAAA")
                .statusCode());
    }

    @Test
    void shouldRefuseARepeatedParameter() {
        HttpResponse<String> login = get(URI.create(publicUrl + "/oauth/login?returnTo=/console/&returnTo=/console/x"), null);
        assertEquals(400, login.statusCode(), login.body());
        assertTrue(login.body().contains("returnTo is given more than once"), login.body());
        assertTrue(cookie(login, PENDING).isEmpty());

        HttpResponse<String> started = get(URI.create(publicUrl + "/oauth/login"), null);
        URI callback = URI.create(get(URI.create(started.headers().firstValue("Location").orElseThrow()), null)
                .headers().firstValue("Location").orElseThrow());
        HttpResponse<String> twice = get(URI.create(callback + "&state=another"), PENDING + "=" + cookie(started, PENDING).orElseThrow());
        assertEquals(400, twice.statusCode(), twice.body());
        assertNoSession(twice);
    }

    @Test
    void shouldRefuseAPersonWhoIsNoUserOfTheNode() {
        provider.signInAs("mallory");
        HttpResponse<String> finish = signIn(null).finish();

        assertEquals(403, finish.statusCode(), finish.body());
        assertTrue(finish.body().contains("mallory, who is not an enabled user of this node"), finish.body());
        assertNoSession(finish);
    }

    @Test
    void shouldRefuseADisabledUserAndEndTheirSession() {
        // oscar has only an API token in the directory: the identity provider is enough for a session
        provider.signInAs("oscar");
        String session = cookie(signIn(null).finish(), SESSION).orElseThrow();
        assertEquals(200, withSession("/api/v1/cases", session).statusCode());

        assertEquals(200, node.post("/api/v1/users/oscar/disable", NodeHarness.ADMIN, "{\"reason\":\"left\"}").statusCode());
        try {
            assertEquals(401, withSession("/api/v1/cases", session).statusCode());
            HttpResponse<String> finish = signIn(null).finish();
            assertEquals(403, finish.statusCode(), finish.body());
            assertNoSession(finish);
        } finally {
            assertEquals(200, node.post("/api/v1/users/oscar/enable", NodeHarness.ADMIN, null).statusCode());
        }
    }

    @Test
    void shouldAnswerABrowserWithAPage() {
        provider.signInAs("mallory");
        Flow flow = signIn(null);
        HttpResponse<String> page = browser(flow.callback(), PENDING + "=" + flow.pendingCookie());

        // the callback was already used by signIn: this is the page of a replay
        assertEquals(400, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("id=\"oidc-error\"") && page.body().contains("href=\"/console/\""), page.body());
    }

    HttpResponse<String> browser(URI uri, String cookie) {
        try {
            return browser.send(HttpRequest.newBuilder(uri).header("Cookie", cookie).header("Accept", "text/html,*/*;q=0.8")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldReturnToAConsolePath() {
        HttpResponse<String> finish = signIn("/console/#case/case-1").finish();

        assertEquals(publicUrl + "/console/#case/case-1", finish.headers().firstValue("Location").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/console/", "//evil.example/console/", "/console//evil.example",
            "/console/../api/v1/users", "/api/v1/cases", "javascript:alert(1)", "/console/\\evil.example", "/console/%2e%2e/x"})
    void shouldIgnoreAReturnToOffTheConsole(String returnTo) {
        HttpResponse<String> finish = signIn(returnTo).finish();

        assertEquals(303, finish.statusCode(), finish.body());
        assertEquals(publicUrl + "/console/", finish.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void shouldTellTheConsoleAboutTheProvider() {
        HttpResponse<String> options = node.get("/login/options", null);

        assertEquals(200, options.statusCode());
        assertEquals("{\"password\":true,\"oidc\":{\"name\":\"Agency IdP\",\"url\":\"/oauth/login\"}}", options.body());
    }

    @Test
    void shouldOfferNoProviderRoutesWhenOidcIsOff() {
        NodeHarness plain = new NodeHarness(kafka, "DE", registry, Map.of());
        try {
            HttpResponse<String> options = plain.get("/login/options", null);
            assertEquals(200, options.statusCode());
            assertEquals("{\"password\":true,\"oidc\":null}", options.body());
            for (String path : List.of("/oauth/login", "/oauth/callback?code=x&state=y", "/oauth/login/agency")) {
                int status = plain.get(path, null).statusCode();
                assertTrue(status == 404 || status == 401, path + " answered " + status);
            }
        } finally {
            plain.close();
        }
    }

    @Test
    void shouldRefuseToStartWithAnIncompleteConfigurationNamingTheKey() {
        Map<String, Object> incomplete = Map.of("aegis.node.oidc.enabled", true, "aegis.node.oidc.name", "Agency IdP",
                "aegis.node.oidc.client-id", "aegis-node-de", "aegis.node.oidc.client-secret", "do-not-show-this-secret",
                "aegis.node.oidc.public-url", "https://aegis-de.example");
        RuntimeException failed = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> new NodeHarness(kafka, "DE", registry, incomplete).close());

        StringBuilder messages = new StringBuilder();
        for (Throwable t = failed; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("aegis.node.oidc.issuer is required when aegis.node.oidc.enabled is true"),
                messages.toString());
        assertFalse(messages.toString().contains("do-not-show-this-secret"), messages.toString());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
