package io.aegis.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.stix.StixConformance;
import io.aegis.stix.StixExport;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TAXII 2.1 server of one node over real HTTP, its inbox filled through its real inbox topic:
 * discovery, collections by role, Basic authentication with the token as password, paging edges
 * (empty, exact page boundary, a boundary inside a signal's objects), filters, revoked versions of a
 * retracted signal, and TAXII errors for wrong media types and bad parameters.
 */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxiiServerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOT = "/taxii2/aegis/";
    NodeHarness fr;
    final String kept = UUID.randomUUID().toString();
    final String retracted = UUID.randomUUID().toString();
    final String later = UUID.randomUUID().toString();

    @BeforeAll
    void start(KafkaCluster kafka) {
        fr = new NodeHarness(kafka, Map.of());
        for (String id : List.of(kept, retracted, later)) {
            fr.produce(fr.topics.inbox("FR"), id, new InboxEvent(NodeHarness.shared(id)));
        }
        fr.produce(fr.topics.inbox("FR"), retracted, new InboxEvent(Signals.retraction(retracted, "DE").build()));
        await("inbox collection filled").atMost(Duration.ofSeconds(60))
                .until(() -> reports(all(NodeHarness.OFFICER)).size() == 3
                        && reports(all(NodeHarness.OFFICER)).stream().anyMatch(r -> r.path("revoked").asBoolean()));
    }

    @AfterAll
    void stop() {
        if (fr != null) {
            fr.close();
        }
    }

    @Test
    void shouldAnswerDiscoveryAndShowEachRoleItsCollectionsOverBasicAuthentication() throws IOException {
        HttpResponse<String> discovery = get("/taxii2/", basic("any-user", NodeHarness.OFFICER));
        assertEquals(200, discovery.statusCode(), discovery.body());
        assertEquals(TaxiiMedia.TAXII, discovery.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(JSON.readTree(discovery.body()).at("/api_roots/0").asText().endsWith(ROOT), discovery.body());
        JsonNode root = JSON.readTree(get(ROOT, basic("x", NodeHarness.OFFICER)).body());
        assertEquals(TaxiiMedia.TAXII, root.at("/versions/0").asText());

        JsonNode officer = JSON.readTree(get(ROOT + "collections/", basic("x", NodeHarness.OFFICER)).body());
        assertEquals(List.of("inbox"), aliases(officer));
        assertFalse(officer.at("/collections/0/can_write").asBoolean());
        JsonNode publisher = JSON.readTree(get(ROOT + "collections/", bearer(NodeHarness.PUBLISHER)).body());
        assertEquals(List.of("outbox"), aliases(publisher));
        assertTrue(publisher.at("/collections/0/can_write").asBoolean());
        assertEquals(List.of("inbox", "outbox"), aliases(JSON.readTree(get(ROOT + "collections/", bearer(NodeHarness.OPERATOR)).body())));

        HttpResponse<String> anonymous = fr.send("GET", "/taxii2/", null, null, null, Map.of("Accept", TaxiiMedia.TAXII));
        assertEquals(401, anonymous.statusCode());
        assertEquals("401", JSON.readTree(anonymous.body()).get("http_status").asText());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").contains("Basic"));
        assertEquals(401, get("/taxii2/", basic("x", "not-a-token")).statusCode());
    }

    @Test
    void shouldPageEveryObjectOnceWithLimitAndNextWhateverThePageSize() {
        List<JsonNode> everything = all(NodeHarness.OFFICER);
        // definitions (5 TLP markings, the network identity, the extension definition), two signals, one revoked signal
        assertEquals(CollectionObjectsDefinitions.COUNT, everything.stream().filter(o -> isDefinition(o)).count());
        for (int limit : List.of(1, 4, 6, everything.size() - 1, everything.size())) {
            List<String> paged = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                JsonNode page = envelope("limit=" + limit + (next == null ? "" : "&next=" + next), NodeHarness.OFFICER);
                assertTrue(page.path("objects").size() <= limit, page.toString());
                page.path("objects").forEach(o -> paged.add(o.get("id").asText()));
                next = page.get("more").asBoolean() ? page.get("next").asText() : null;
                pages++;
            } while (next != null);
            assertEquals(ids(everything), paged, "limit " + limit);
            // an exact page boundary ends with more: false, not with an empty extra page
            assertEquals((everything.size() + limit - 1) / limit, pages, "pages at limit " + limit);
        }
    }

    @Test
    void shouldResumeAfterTheLastDateAddedAndAnswerAnEmptyPageWithoutHeaders() throws IOException {
        HttpResponse<String> full = get(ROOT + "collections/inbox/objects/?limit=1000", bearer(NodeHarness.OFFICER));
        String last = full.headers().firstValue(TaxiiObjects.DATE_ADDED_LAST).orElseThrow();
        String first = full.headers().firstValue(TaxiiObjects.DATE_ADDED_FIRST).orElseThrow();
        assertTrue(Instant.parse(first).isBefore(Instant.parse(last)));

        HttpResponse<String> after = get(ROOT + "collections/inbox/objects/?added_after=" + enc(last), bearer(NodeHarness.OFFICER));
        assertEquals(200, after.statusCode(), after.body());
        JsonNode empty = JSON.readTree(after.body());
        assertFalse(empty.get("more").asBoolean());
        assertFalse(empty.has("objects"));
        assertTrue(after.headers().firstValue(TaxiiObjects.DATE_ADDED_FIRST).isEmpty());

        // after the definitions' date only the signals' objects remain
        JsonNode signals = envelope("added_after=" + enc(TaxiiMedia.timestamp(Instant.parse("2026-06-01T00:00:00Z"))), NodeHarness.OFFICER);
        signals.get("objects").forEach(o -> assertFalse(isDefinition(o), o.toString()));
    }

    @Test
    void shouldServeARetractedSignalAsRevokedVersionsWithoutContent() {
        List<JsonNode> everything = all(NodeHarness.OFFICER);
        JsonNode revoked = reports(everything).stream().filter(r -> r.path("revoked").asBoolean()).findFirst().orElseThrow();
        assertEquals(StixExport.reportId(retracted), revoked.get("id").asText());
        assertFalse(revoked.toString().contains("Voice-clone"), revoked.toString());
        assertFalse(revoked.toString().contains("fraud.example"), revoked.toString());
        // the revoked version was added when the retraction arrived: after the later signal
        assertEquals(List.of(StixExport.reportId(kept), StixExport.reportId(later), StixExport.reportId(retracted)),
                ids(reports(everything)));
        for (JsonNode object : everything) {
            assertEquals(List.of(), StixConformance.violations(object), object.toString());
        }
    }

    @Test
    void shouldFilterByIdTypeAndVersionAndServeOneObjectItsVersionsAndTheManifest() throws IOException {
        String report = StixExport.reportId(kept);
        JsonNode byType = envelope("match[type]=report,attack-pattern", NodeHarness.OFFICER);
        byType.get("objects").forEach(o -> assertTrue(List.of("report", "attack-pattern").contains(o.get("type").asText())));
        JsonNode byId = envelope("match[id]=" + report, NodeHarness.OFFICER);
        assertEquals(List.of(report), ids(list(byId.get("objects"))));
        String version = byId.at("/objects/0/modified").asText();
        assertEquals(1, envelope("match[id]=" + report + "&match[version]=" + enc(version), NodeHarness.OFFICER).get("objects").size());
        assertFalse(envelope("match[id]=" + report + "&match[version]=" + enc("2020-01-01T00:00:00.000Z"), NodeHarness.OFFICER).has("objects"));
        assertFalse(envelope("match[spec_version]=2.0", NodeHarness.OFFICER).has("objects"));
        // an object without timestamps (a software SCO) has the version it was added at, and is matched by it
        String software = all(NodeHarness.OFFICER).stream().filter(o -> o.get("type").asText().equals("software"))
                .map(o -> o.get("id").asText()).findFirst().orElseThrow();
        String added = JSON.readTree(get(ROOT + "collections/inbox/objects/" + software + "/versions/", bearer(NodeHarness.OFFICER))
                .body()).at("/versions/0").asText();
        assertEquals(1, envelope("match[id]=" + software + "&match[version]=" + enc(added), NodeHarness.OFFICER).get("objects").size());

        JsonNode one = JSON.readTree(get(ROOT + "collections/inbox/objects/" + report + "/", bearer(NodeHarness.OFFICER)).body());
        assertEquals(List.of(report), ids(list(one.get("objects"))));
        JsonNode versions = JSON.readTree(get(ROOT + "collections/inbox/objects/" + report + "/versions/", bearer(NodeHarness.OFFICER)).body());
        assertEquals(List.of(version), list(versions.get("versions")).stream().map(JsonNode::asText).toList());
        HttpResponse<String> missing = get(ROOT + "collections/inbox/objects/report--" + UUID.randomUUID() + "/", bearer(NodeHarness.OFFICER));
        assertEquals(404, missing.statusCode(), missing.body());

        JsonNode manifest = JSON.readTree(get(ROOT + "collections/inbox/manifest/?limit=1000", bearer(NodeHarness.OFFICER)).body());
        assertEquals(ids(all(NodeHarness.OFFICER)), ids(list(manifest.get("objects"))));
        manifest.get("objects").forEach(m -> {
            assertEquals(TaxiiMedia.STIX, m.get("media_type").asText());
            assertTrue(m.get("date_added").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), m.toString());
        });
    }

    @Test
    void shouldRefuseWrongMediaTypesBadParametersAndWritesToTheInboxWithTaxiiErrors() throws IOException {
        HttpResponse<String> wrongVersion = fr.send("GET", ROOT, NodeHarness.OFFICER, null, null,
                Map.of("Accept", "application/taxii+json;version=2.0"));
        assertEquals(406, wrongVersion.statusCode());
        assertTaxiiError(wrongVersion, "406");
        assertEquals(406, fr.send("GET", ROOT, NodeHarness.OFFICER, null, null, Map.of("Accept", "text/html")).statusCode());
        assertEquals(200, fr.send("GET", ROOT, NodeHarness.OFFICER, null, null, Map.of("Accept", "application/taxii+json")).statusCode());

        for (String bad : List.of("limit=0", "limit=1001", "limit=x", "next=garbage", "added_after=yesterday",
                "match[id]=not-an-id", "match[version]=sometime", "match[colour]=red")) {
            HttpResponse<String> response = get(ROOT + "collections/inbox/objects/?" + bad.replace("[", "%5B").replace("]", "%5D"),
                    bearer(NodeHarness.OFFICER));
            assertEquals(400, response.statusCode(), bad + " → " + response.body());
            assertTaxiiError(response, "400");
            String parameter = bad.substring(0, bad.indexOf('='));
            assertTrue(JSON.readTree(response.body()).get("title").asText().contains(parameter), response.body());
        }
        assertEquals(404, get(ROOT + "collections/" + UUID.randomUUID() + "/", bearer(NodeHarness.OFFICER)).statusCode());
        // a publisher may not read the inbox collection, an officer not the outbox
        assertEquals(403, get(ROOT + "collections/inbox/objects/", bearer(NodeHarness.PUBLISHER)).statusCode());
        assertEquals(403, get(ROOT + "collections/outbox/objects/", bearer(NodeHarness.OFFICER)).statusCode());

        HttpResponse<String> write = fr.send("POST", ROOT + "collections/inbox/objects/", NodeHarness.OPERATOR, TaxiiMedia.TAXII,
                "{\"objects\": []}", Map.of("Accept", TaxiiMedia.TAXII));
        assertEquals(403, write.statusCode(), write.body());
        assertTaxiiError(write, "403");
        HttpResponse<String> json = fr.send("POST", ROOT + "collections/outbox/objects/", NodeHarness.PUBLISHER, "application/json",
                "{\"objects\": []}", Map.of("Accept", TaxiiMedia.TAXII));
        assertEquals(415, json.statusCode(), json.body());
        assertTaxiiError(json, "415");
    }

    @Test
    void shouldServeInboxCopiesAsBundlesAndARetractedCopyAsGone() throws IOException {
        HttpResponse<String> bundle = fr.get("/api/v1/inbox/" + kept + "/stix", NodeHarness.OFFICER);
        assertEquals(200, bundle.statusCode(), bundle.body());
        JsonNode json = JSON.readTree(bundle.body());
        assertEquals("bundle", json.get("type").asText());
        assertEquals(StixExport.reportId(kept), json.at("/objects/0/id").asText());
        assertEquals(bundle.body(), fr.get("/api/v1/inbox/" + kept + "/stix", NodeHarness.OFFICER).body(), "re-exports are stable");
        assertEquals(410, fr.get("/api/v1/inbox/" + retracted + "/stix", NodeHarness.OFFICER).statusCode());
        assertEquals(404, fr.get("/api/v1/inbox/" + UUID.randomUUID() + "/stix", NodeHarness.OFFICER).statusCode());
    }

    @Test
    void shouldImportABundleSignalBySignalNamingTheObjectAndPropertyOfEachRefusal() throws IOException {
        // Given a bundle with a valid GREEN report and a report whose indicator's pattern Aegis cannot map
        String now = TaxiiMedia.timestamp(Instant.now()).substring(0, 23) + "Z";
        String good = "indicator--" + UUID.randomUUID();
        String unmappable = "indicator--" + UUID.randomUUID();
        String malware = "malware--" + UUID.randomUUID();
        String bundle = """
                {"type": "bundle", "id": "bundle--%s", "objects": [
                 {"type": "indicator", "spec_version": "2.1", "id": "%s", "created": "%s", "modified": "%s", "valid_from": "%s",
                  "pattern": "[domain-name:value = 'loan-voice.example']", "pattern_type": "stix",
                  "object_marking_refs": ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]},
                 {"type": "report", "spec_version": "2.1", "id": "report--%s", "created": "%s", "modified": "%s", "published": "%s",
                  "name": "Voice-clone loan fraud", "object_refs": ["%s"], "labels": ["deepfake"], "confidence": 85,
                  "object_marking_refs": ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]},
                 {"type": "indicator", "spec_version": "2.1", "id": "%s", "created": "%s", "modified": "%s", "valid_from": "%s",
                  "pattern": "[process:name = 'voicegen.exe']", "pattern_type": "stix",
                  "object_marking_refs": ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]},
                 {"type": "report", "spec_version": "2.1", "id": "report--%s", "created": "%s", "modified": "%s", "published": "%s",
                  "name": "Voice generator on hosts", "object_refs": ["%s"],
                  "object_marking_refs": ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]},
                 {"type": "malware", "spec_version": "2.1", "id": "%s", "created": "%s", "modified": "%s", "name": "VoiceGen",
                  "is_family": true}]}"""
                .formatted(UUID.randomUUID(), good, now, now, now, UUID.randomUUID(), now, now, now, good,
                        unmappable, now, now, now, UUID.randomUUID(), now, now, now, unmappable, malware, now, now);

        // When FR's publisher imports it through the node API
        HttpResponse<String> imported = fr.post("/api/v1/stix/bundles", NodeHarness.PUBLISHER, bundle);

        // Then the valid report is published whole and every refusal names its object and property
        JsonNode answer = JSON.readTree(imported.body());
        assertEquals(207, imported.statusCode(), imported.body());
        List<JsonNode> results = list(answer.get("results"));
        JsonNode published = results.stream().filter(r -> r.get("status").asInt() == 202).findFirst().orElseThrow(() ->
                new AssertionError(imported.body()));
        String id = published.get("id").asText();
        assertTrue(results.stream().filter(r -> r.get("status").asInt() == 422)
                .flatMap(r -> list(r.get("violations")).stream()).anyMatch(v -> v.get("field").asText().startsWith(unmappable)
                        && v.get("field").asText().endsWith("pattern")), imported.body());
        // and an object no signal used is reported as not imported, never silently dropped
        assertEquals(List.of(malware), list(answer.get("ignored")).stream().map(i -> i.get("object").asText()).toList());

        // and the published signal reads back as STIX: same title, GREEN, the domain indicator
        await("own signal readable").atMost(Duration.ofSeconds(30))
                .until(() -> fr.get("/api/v1/signals/" + id + "/stix", NodeHarness.PUBLISHER).statusCode() == 200);
        JsonNode own = JSON.readTree(fr.get("/api/v1/signals/" + id + "/stix", NodeHarness.PUBLISHER).body());
        assertEquals("Voice-clone loan fraud", own.at("/objects/0/name").asText());
        assertTrue(own.toString().contains("[domain-name:value = 'loan-voice.example']"), own.toString());
        for (JsonNode object : list(own.get("objects"))) {
            assertEquals(List.of(), StixConformance.violations(object), object.toString());
        }

        // and a bundle with nothing importable is a 422, one with no signal at all too
        HttpResponse<String> none = fr.post("/api/v1/stix/bundles", NodeHarness.PUBLISHER, """
                {"type": "bundle", "id": "bundle--%s", "objects": [{"type": "indicator", "id": "indicator--%s"}]}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertEquals(422, none.statusCode(), none.body());
        assertEquals(422, fr.post("/api/v1/stix/bundles", NodeHarness.PUBLISHER, "{\"type\": \"bundle\", \"objects\": []}").statusCode());
        assertEquals(403, fr.post("/api/v1/stix/bundles", NodeHarness.OFFICER, bundle).statusCode());
    }

    private void assertTaxiiError(HttpResponse<String> response, String status) throws IOException {
        assertEquals(TaxiiMedia.TAXII, response.headers().firstValue("Content-Type").orElseThrow(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals(status, error.get("http_status").asText(), response.body());
        assertNotNull(error.get("title"));
        assertNull(error.get("error"), "the node API's own error shape must not leak into TAXII");
    }

    private List<JsonNode> all(String token) {
        return list(envelope("limit=1000", token).path("objects"));
    }

    private JsonNode envelope(String query, String token) {
        HttpResponse<String> response = get(ROOT + "collections/inbox/objects/?" + query.replace("[", "%5B").replace("]", "%5D"),
                bearer(token));
        assertEquals(200, response.statusCode(), response.body());
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path, Map<String, String> auth) {
        Map<String, String> headers = new java.util.HashMap<>(auth);
        headers.put("Accept", TaxiiMedia.TAXII);
        return fr.send("GET", path, null, null, null, headers);
    }

    static Map<String, String> basic(String user, String token) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static boolean isDefinition(JsonNode o) {
        return CollectionObjects.isDefinition((com.fasterxml.jackson.databind.node.ObjectNode) o);
    }

    static List<JsonNode> reports(List<JsonNode> objects) {
        return objects.stream().filter(o -> o.get("type").asText().equals("report")).toList();
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    static List<String> ids(List<JsonNode> objects) {
        return objects.stream().map(o -> o.get("id").asText()).toList();
    }

    static List<String> aliases(JsonNode collections) {
        return ids(list(collections.get("collections"))).isEmpty() ? List.of()
                : list(collections.get("collections")).stream().map(c -> c.get("alias").asText()).toList();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** How many definitions every collection starts with: one per TLP label, the network identity, the extension definition. */
    static final class CollectionObjectsDefinitions {
        static final long COUNT = CollectionObjects.definitions().size();
    }
}
