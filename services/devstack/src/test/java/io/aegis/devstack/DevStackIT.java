package io.aegis.devstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.devstack.domain.PortCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The launcher end to end, as a newcomer runs it: {@code ./aegis up}, {@code demo}, {@code down},
 * and {@code up} again, every component a real process on its own ports (offset from the
 * defaults so a developer's own devstack is left alone), data under {@code target/}.
 */
@Tag("integration")
@Timeout(value = 25, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevStackIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path VAR = Path.of("target/devstack-it").toAbsolutePath();
    // why below 32768: Linux hands out 32768-60999 as clients' local ports, and a connection of an earlier
    // test that happened to hold one of these made the port check fail (a CI run lost DevStackIT to it)
    private static final Map<String, String> ENV = Map.of("AEGIS_VAR_DIR", VAR.toString(),
            "AEGIS_BROKER_PORT", "27092", "AEGIS_CONTROLLER_PORT", "27093", "AEGIS_REGISTRY_PORT", "26081",
            "AEGIS_ROUTER_PORT", "26091", "AEGIS_ESCALATION_PORT", "26092", "AEGIS_RESPONSE_PORT", "26093",
            "AEGIS_NODE_PORT", "26101", "AEGIS_HEAP", "256m");
    private static final List<String> COUNTRIES = List.of("FR", "DE", "JP", "BR", "KE");

    private final HttpClient http = HttpClient.newHttpClient();
    private Map<String, Object> firstDescriptor;

    private record Run(int exit, String output) {
    }

    @BeforeAll
    void cleanSlate() throws IOException {
        deleteTree(VAR);
        List<PortCheck.Need> needs = new ArrayList<>();
        ENV.forEach((key, value) -> {
            if (key.endsWith("_PORT")) {
                needs.add(new PortCheck.Need(key, Integer.parseInt(value), key));
            }
        });
        List<PortCheck.Need> taken = PortCheck.taken(needs);
        assertTrue(taken.isEmpty(), "ports the IT needs are taken: " + PortCheck.describe(taken));
    }

    @AfterAll
    void stopEverything() throws Exception {
        aegis("down");
    }

    @Test
    @Order(1)
    void shouldStartEveryComponentHealthyAndDescribeItInDevstackJson() throws Exception {
        // when
        Run up = aegis("up");

        // then
        assertEquals(0, up.exit(), up.output());
        Map<String, Object> descriptor = descriptor();
        assertEquals("localhost:27092", descriptor.get("broker"));
        assertEquals("http://localhost:26081", descriptor.get("registry"));
        Map<String, Map<String, Object>> nodes = cast(descriptor.get("nodes"));
        assertEquals(COUNTRIES, new ArrayList<>(nodes.keySet()));
        for (int i = 0; i < COUNTRIES.size(); i++) {
            Map<String, Object> node = nodes.get(COUNTRIES.get(i));
            assertEquals("http://localhost:" + (26101 + i), node.get("url"));
            Map<String, Object> tokens = cast(node.get("tokens"));
            assertEquals(List.of("publisher", "officer", "operator", "admin"), new ArrayList<>(tokens.keySet()));
            assertEquals(200, get(node.get("url") + "/health", null));
        }
        for (int port : List.of(26081, 26091, 26092, 26093)) {
            assertEquals(200, get("http://localhost:" + port + "/health", null), "port " + port);
        }
        Run status = aegis("status");
        assertEquals(0, status.exit(), status.output());
        firstDescriptor = descriptor;
        // why: each service runs on its runtime classpath only, as deployed; a test dependency (the node's tests
        // run against the router) would otherwise start the wrong service's beans inside a process
        for (String service : List.of("node", "router", "escalation", "response", "registry")) {
            String classpath = Files.readString(ROOT.resolve("services").resolve(service).resolve("target/aegis-runtime.classpath"));
            assertTrue(java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
                    .noneMatch(entry -> entry.contains("junit") || entry.contains("test-support")
                            || (!service.equals("router") && entry.contains("/services/router/"))), service + ": " + classpath);
        }
    }

    @Test
    @Order(2)
    void shouldPlayTheScenarioToACriticalCaseAcknowledgedByAnOfficer() throws Exception {
        // why: this is the README's second command; every effect must be observed through the node APIs
        Run demo = aegis("demo");
        assertEquals(0, demo.exit(), demo.output());
        assertTrue(demo.output().contains("[ok] the campaign escalated to CRITICAL and a joint case opened"),
                demo.output());
        assertTrue(demo.output().contains("withheld from [BR, KE]"), demo.output());
    }

    @Test
    @Order(3)
    void shouldCarryObjectsPublishedOverTaxiiToEachAllowedInboxCollectionAndTheirRetractionAsRevoked() throws Exception {
        // given: TAXII clients of FR (publisher), DE and JP (officers) against the node processes
        TaxiiOverTheDevstack taxii = new TaxiiOverTheDevstack(cast(descriptor().get("nodes")));
        String since = TaxiiMediaTimestamps.now();
        String green = "Recruitment lure with poisoned CV documents " + since;
        String red = "Insider offers model evaluation data " + since;

        // when: FR's client posts a generic GREEN report and an Aegis RED report for DE to FR's outbox collection
        HttpResponse<String> posted = taxii.send("FR", "publisher", "POST", TaxiiOverTheDevstack.OBJECTS.formatted("outbox"),
                TaxiiOverTheDevstack.envelope(green, red, "DE").toString());

        // then: the status is complete with no failure, and DE's client, paging by two after where it stood, gets both
        assertEquals(202, posted.statusCode(), posted.body());
        JsonNode status = new ObjectMapper().readTree(posted.body());
        assertEquals("complete", status.get("status").asText(), posted.body());
        assertEquals(0, status.get("failure_count").asInt(), posted.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<JsonNode> seen = taxii.inboxAfter("DE", since);
            return !TaxiiOverTheDevstack.reports(seen, green).isEmpty() && !TaxiiOverTheDevstack.reports(seen, red).isEmpty();
        });
        // and JP's gets the GREEN report, never the RED one (FR named DE alone)
        await().atMost(Duration.ofSeconds(60)).until(() -> !TaxiiOverTheDevstack.reports(taxii.inboxAfter("JP", since), green).isEmpty());
        assertTrue(TaxiiOverTheDevstack.reports(taxii.inboxAfter("JP", since), red).isEmpty());
        assertFalse(taxii.inboxAfter("JP", since).toString().contains("model evaluation data"));

        // when: FR retracts the GREEN signal; then DE's client sees the report revoked
        JsonNode report = TaxiiOverTheDevstack.reports(taxii.inboxAfter("DE", since), green).get(0);
        HttpResponse<String> retract = taxii.retract("FR", TaxiiOverTheDevstack.signalId(report));
        assertEquals(202, retract.statusCode(), retract.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> taxii.inboxAfter("DE", since).stream()
                .anyMatch(o -> o.path("id").equals(report.get("id")) && o.path("revoked").asBoolean()));

        // and no one writes an inbox collection
        assertEquals(403, taxii.send("DE", "officer", "POST", TaxiiOverTheDevstack.OBJECTS.formatted("inbox"), "{\"objects\": []}")
                .statusCode());
        assertEquals(403, taxii.send("DE", "publisher", "POST", TaxiiOverTheDevstack.OBJECTS.formatted("inbox"), "{\"objects\": []}")
                .statusCode());
    }

    /** TAXII timestamps (microseconds, as the nodes write date_added). */
    private static final class TaxiiMediaTimestamps {
        static String now() {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        }
    }

    @Test
    @Order(3)
    void shouldGiveEveryPrincipalExactlyItsGrantsOnTheSecuredBroker() throws Exception {
        // given: the logins an independent member's tooling reads from devstack.json
        Map<String, Object> descriptor = descriptor();
        SecuredBroker broker = new SecuredBroker(descriptor);
        Map<String, Map<String, Object>> nodes = cast(descriptor.get("nodes"));
        Map<String, Object> fr = broker.client(cast(nodes.get("FR").get("kafka")));
        Map<String, Object> operatorLogins = cast(descriptor.get("operator"));
        Map<String, Object> operator = broker.client(cast(operatorLogins.get("kafka")));
        Map<String, Object> admin = adminClient();
        List<String> guarded = List.of("aegis.outbox.DE", "aegis.outbox.FR", "aegis.policies");
        Map<String, Long> before = SecuredBroker.endOffsets(admin, guarded);

        // then: FR reads its own inbox, and nothing of anyone else's
        assertEquals(null, SecuredBroker.read(fr, "aegis.inbox.FR"));
        assertAuthorizationError(SecuredBroker.produce(fr, "aegis.outbox.DE"), "FR writing DE's outbox");
        assertAuthorizationError(SecuredBroker.read(fr, "aegis.inbox.DE"), "FR reading DE's inbox");
        assertAuthorizationError(SecuredBroker.read(fr, "aegis.routing.audit"), "FR reading the routing audit");
        assertAuthorizationError(SecuredBroker.produce(fr, "aegis.policies"), "FR writing the policy topic");
        // the operator reads the evidence, never an inbox
        assertEquals(null, SecuredBroker.read(operator, "aegis.routing.audit"));
        for (String country : COUNTRIES) {
            assertAuthorizationError(SecuredBroker.read(operator, "aegis.inbox." + country), "operator reading an inbox");
        }
        // a wrong password is no login at all
        Map<String, Object> forged = broker.client(Map.of("principal", "node-FR", "password", "guessed"));
        Throwable refused = SecuredBroker.produce(forged, "aegis.outbox.FR");
        assertTrue(refused instanceof org.apache.kafka.common.errors.AuthenticationException,
                "a forged login was not refused as such: " + refused);
        // and nothing was written by any refused attempt
        assertEquals(before, SecuredBroker.endOffsets(admin, guarded));
    }

    @Test
    @Order(3)
    void shouldAnswerNoHttpCallWithoutCredentials() throws Exception {
        Map<String, Object> descriptor = descriptor();
        Map<String, Map<String, Object>> nodes = cast(descriptor.get("nodes"));
        Map<String, Object> frRegistry = cast(nodes.get("FR").get("registry"));
        Map<String, Object> frRouter = cast(nodes.get("FR").get("router"));
        String registry = String.valueOf(descriptor.get("registry"));
        // the registry: nobody anonymous, a member reads, only its administrator reconfigures
        assertEquals(401, basic("GET", registry + "/subjects", null, null).statusCode());
        assertEquals(200, basic("GET", registry + "/subjects", frRegistry, null).statusCode());
        HttpResponse<String> reconfigure = basic("PUT", registry + "/config", frRegistry, "{\"compatibility\":\"NONE\"}");
        assertEquals(403, reconfigure.statusCode(), reconfigure.body());
        assertEquals(403, basic("DELETE", registry + "/subjects/aegis.outbox.FR-value", frRegistry, null).statusCode());
        // the router's receipts: credentials required, and a member sees none of another's signals
        String receipts = descriptor.get("router") + "/api/v1/receipts/no-such-signal";
        assertEquals(401, basic("GET", receipts, null, null).statusCode());
        assertEquals(404, basic("GET", receipts, frRouter, null).statusCode());
        // health: status only for anonymous callers, on every service
        for (String url : List.of(registry, String.valueOf(descriptor.get("router")), String.valueOf(nodes.get("FR").get("url")),
                "http://localhost:26092", "http://localhost:26093")) {
            HttpResponse<String> health = basic("GET", url + "/health", null, null);
            assertEquals(200, health.statusCode(), url);
            assertEquals("{\"status\":\"UP\"}", health.body(), url);
        }
    }

    private HttpResponse<String> basic(String method, String url, Map<String, Object> login, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json");
        if (login != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (login.get("username") + ":" + login.get("password")).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAuthorizationError(Throwable error, String what) {
        assertTrue(error instanceof org.apache.kafka.common.errors.AuthorizationException,
                what + " was not refused with an authorization error: " + error);
    }

    /** The devstack administrator's login, from the owner-only secrets file (not in devstack.json). */
    private Map<String, Object> adminClient() throws IOException {
        io.aegis.devstack.config.StackSettings settings = io.aegis.devstack.config.StackSettings.fromEnvironment(ROOT, ENV);
        io.aegis.devstack.domain.StackSecrets secrets = io.aegis.devstack.domain.StackSecrets.read(
                new io.aegis.devstack.config.Layout(settings.varDir()).secretsFile());
        return new io.aegis.devstack.security.StackLogins(settings, secrets).admin();
    }

    @Test
    @Order(4)
    void shouldStopEverythingAndFindItsDataAgainOnTheNextUp() throws Exception {
        // when
        Run down = aegis("down");

        // then nothing answers any more
        assertEquals(0, down.exit(), down.output());
        assertTrue(PortCheck.isFree(26101) && PortCheck.isFree(27092) && PortCheck.isFree(26081), down.output());
        assertEquals(1, aegis("status").exit());

        // when started again
        Run up = aegis("up");

        // then the same topics, tokens and the case opened before are there
        assertEquals(0, up.exit(), up.output());
        assertTrue(up.output().contains("Topics: 0 created"), up.output());
        assertEquals(firstDescriptor, descriptor());
        Map<String, Map<String, Object>> nodes = cast(descriptor().get("nodes"));
        Map<String, Object> fr = nodes.get("FR");
        Map<String, Object> tokens = cast(fr.get("tokens"));
        String officer = String.valueOf(tokens.get("officer"));
        assertTrue(body(fr.get("url") + "/api/v1/cases", officer).contains("\"CRITICAL\""),
                "the case opened before down is gone");
    }

    private Run aegis(String command) throws IOException, InterruptedException {
        Path log = VAR.getParent().resolve("devstack-it-" + command + ".log");
        Files.createDirectories(VAR.getParent());
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("aegis").toString(), command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(ENV);
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./aegis " + command + " did not finish: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private Map<String, Object> descriptor() throws IOException {
        return cast(new ObjectMapper().readValue(VAR.resolve("devstack.json").toFile(), Map.class));
    }

    private int get(String url, String token) throws IOException, InterruptedException {
        return send(url, token).statusCode();
    }

    private String body(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = send(url, token);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private HttpResponse<String> send(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
