package io.aegis.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.node.support.NodeHarness;
import io.aegis.node.support.RouterHarness;
import io.aegis.router.messaging.RouterStreams;
import io.aegis.schema.common.Tlp;
import io.aegis.stix.AegisExtension;
import io.aegis.stix.StixConformance;
import io.aegis.stix.StixExport;
import io.aegis.stix.StixSignal;
import io.aegis.stix.TlpMarkings;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two agencies' TAXII clients across the real network: FR publishes a STIX envelope through its node's
 * {@code outbox} collection over HTTP Basic (a generic tool's GREEN report, an Aegis-extension RED report
 * for DE only, and an unmarked indicator that must be refused); DE and IT read their {@code inbox}
 * collections with {@code added_after} and paging. The RED report never appears in IT's collection,
 * and FR's retraction reaches DE's collection as a revoked version.
 */
@Tag("integration")
@Timeout(240)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxiiExchangeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOT = "/taxii2/aegis/";
    static final String POLICY = """
            country: FR
            rules:
              - {id: partners, effect: ALLOW, to: [DE, IT], tlp: [CLEAR, GREEN, AMBER, RED]}
            coordination: NONE
            attribution: COUNTRY
            """;
    static final String GREEN_TITLE = "Deepfake CFO calls against regional banks";
    static final String RED_TITLE = "Stolen frontier model weights offered for sale";
    NodeHarness fr;
    NodeHarness de;
    NodeHarness it;
    RouterStreams router;

    @BeforeAll
    void start(KafkaCluster kafka) throws Exception {
        RouterHarness.createTopics(kafka);
        var registry = new io.aegis.kafka.registry.InMemorySchemaRegistryClient();
        fr = new NodeHarness(kafka, "FR", registry, Map.of());
        de = new NodeHarness(kafka, "DE", registry, Map.of());
        it = new NodeHarness(kafka, "IT", registry, Map.of());
        router = RouterHarness.start("taxii", kafka, List.of(fr, de, it), Map.of("FR", POLICY));
        await("router running").atMost(Duration.ofSeconds(60)).until(() -> router.state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[]{router == null ? null : router::close, it, de, fr}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    @Test
    void shouldCarryPublishedObjectsToEachAllowedInboxCollectionAndTheirRetractionAsRevoked() throws Exception {
        // Given DE's and IT's TAXII clients positioned at the end of their (empty) collections
        String deStart = lastAdded(de);
        String itStart = lastAdded(it);

        // When FR's client posts an envelope to its outbox collection over HTTP Basic
        ObjectNode envelope = envelope();
        HttpResponse<String> posted = fr.send("POST", ROOT + "collections/outbox/objects/", null, TaxiiMedia.TAXII,
                envelope.toString(), headers(NodeHarness.PUBLISHER));
        assertEquals(202, posted.statusCode(), posted.body());
        JsonNode status = JSON.readTree(posted.body());

        // Then the status is complete and names each object: the unmarked indicator failed, on its marking
        assertEquals("complete", status.get("status").asText());
        assertEquals(envelope.get("objects").size(), status.get("total_count").asInt());
        assertEquals(1, status.get("failure_count").asInt(), posted.body());
        assertEquals("indicator--" + UNMARKED, status.at("/failures/0/id").asText());
        assertTrue(status.at("/failures/0/message").asText().contains("TLP"), posted.body());
        assertEquals(status.get("total_count").asInt() - 1, status.get("success_count").asInt());
        JsonNode again = JSON.readTree(fr.send("GET", ROOT + "status/" + status.get("id").asText() + "/", null, null, null,
                headers(NodeHarness.PUBLISHER)).body());
        assertEquals(status, again);
        assertEquals(404, fr.send("GET", ROOT + "status/" + status.get("id").asText() + "/", null, null, null,
                headers(NodeHarness.OPERATOR)).statusCode(), "a status is its poster's");

        // and DE's collection receives both reports, read in pages of 3 after where its client stood
        await("DE received both").atMost(Duration.ofSeconds(90)).until(() -> titles(readAfter(de, deStart, 3)).size() == 2);
        List<JsonNode> deObjects = readAfter(de, deStart, 3);
        // the two signals of one envelope are produced concurrently: their order is not part of the contract
        assertEquals(java.util.Set.of(RED_TITLE, GREEN_TITLE), java.util.Set.copyOf(titles(deObjects)));
        assertEquals(2, titles(deObjects).size());
        deObjects.forEach(o -> assertEquals(List.of(), StixConformance.violations(o), o.toString()));
        JsonNode green = reports(deObjects).stream().filter(r -> r.get("name").asText().equals(GREEN_TITLE)).findFirst().orElseThrow();
        assertEquals(TlpMarkings.id(Tlp.GREEN), green.at("/object_marking_refs/0").asText());

        // and IT's collection receives the GREEN report only: the RED one was for DE (already routed: DE holds it,
        // and the router writes every destination of a signal in one transaction)
        await("IT received the GREEN report").atMost(Duration.ofSeconds(60)).until(() -> titles(readAfter(it, itStart, 50)).contains(GREEN_TITLE));
        List<JsonNode> itObjects = readAfter(it, itStart, 50);
        assertEquals(List.of(GREEN_TITLE), titles(itObjects));
        assertFalse(itObjects.toString().contains("model weights"), "nothing of the RED report reaches IT");

        // When FR retracts the GREEN signal
        String deSeen = lastAdded(de);
        String signalId = green.at("/extensions/" + AegisExtension.ID + "/signal_id").asText();
        HttpResponse<String> retract = fr.post("/api/v1/signals/" + signalId + "/retract", NodeHarness.PUBLISHER, "{\"reason\": \"hoax\"}");
        assertEquals(202, retract.statusCode(), retract.body());

        // Then DE's client, reading after what it saw, gets the revoked version of the report, without content
        await("revocation reached DE").atMost(Duration.ofSeconds(60)).until(() -> !reports(readAfter(de, deSeen, 10)).isEmpty());
        JsonNode revoked = reports(readAfter(de, deSeen, 10)).get(0);
        assertEquals(green.get("id"), revoked.get("id"));
        assertTrue(revoked.get("revoked").asBoolean());
        assertTrue(Instant.parse(revoked.get("modified").asText()).isAfter(Instant.parse(green.get("modified").asText())));
        assertFalse(revoked.toString().contains("Deepfake"), revoked.toString());
        assertEquals(green.get("created"), revoked.get("created"));

        // and FR's own outbox collection serves its signal revoked too
        await("FR outbox revoked").atMost(Duration.ofSeconds(30)).until(() -> reports(readAfter(fr, null, 1000, NodeHarness.PUBLISHER))
                .stream().anyMatch(r -> r.get("id").equals(green.get("id")) && r.path("revoked").asBoolean()));
    }

    static final String UNMARKED = UUID.randomUUID().toString();

    /** A generic tool's GREEN report (no Aegis extension), an Aegis RED report for DE, and an unmarked indicator. */
    private static ObjectNode envelope() {
        ObjectNode envelope = JSON.createObjectNode();
        ArrayNode objects = envelope.putArray("objects");
        StixSignal red = new StixSignal(UUID.randomUUID().toString(), "FR", "anssi", Instant.now(), Instant.now(),
                Signals.content().setTitle(RED_TITLE).setTlp(Tlp.RED).setRecipients(List.of("DE")).setObservedAt(Instant.now().minusSeconds(60))
                        .build(), false);
        StixExport.objects(red).forEach(objects::add);
        String now = TaxiiMedia.timestamp(Instant.now()).substring(0, 23) + "Z";
        String indicator = "indicator--" + UUID.randomUUID();
        objects.add(JSON.createObjectNode().put("type", "indicator").put("spec_version", "2.1").put("id", indicator)
                .put("created", now).put("modified", now).put("pattern", "[domain-name:value = 'cfo-voice.example']")
                .put("pattern_type", "stix").put("valid_from", now).set("object_marking_refs", JSON.createArrayNode().add(TlpMarkings.id(Tlp.GREEN))));
        ObjectNode report = JSON.createObjectNode().put("type", "report").put("spec_version", "2.1")
                .put("id", "report--" + UUID.randomUUID()).put("created", now).put("modified", now).put("name", GREEN_TITLE)
                .put("published", now).put("confidence", 80);
        report.putArray("report_types").add("threat-report");
        report.putArray("labels").add("deepfake");
        report.putArray("object_refs").add(indicator);
        report.putArray("object_marking_refs").add(TlpMarkings.id(Tlp.GREEN));
        objects.add(report);
        objects.add(JSON.createObjectNode().put("type", "indicator").put("spec_version", "2.1").put("id", "indicator--" + UNMARKED)
                .put("created", now).put("modified", now).put("pattern", "[ipv4-addr:value = '198.51.100.7']")
                .put("pattern_type", "stix").put("valid_from", now));
        return envelope;
    }

    private static Map<String, String> headers(String token) {
        Map<String, String> headers = new HashMap<>(TaxiiServerIT.basic("taxii-client", token));
        headers.put("Accept", TaxiiMedia.TAXII);
        return headers;
    }

    /** Where a client that read the whole collection stands: its last X-TAXII-Date-Added-Last. */
    private static String lastAdded(NodeHarness node) {
        HttpResponse<String> response = node.send("GET", ROOT + "collections/inbox/objects/?limit=1000", null, null, null,
                headers(NodeHarness.OFFICER));
        assertEquals(200, response.statusCode(), response.body());
        return response.headers().firstValue(TaxiiObjects.DATE_ADDED_LAST).orElseThrow();
    }

    private static List<JsonNode> readAfter(NodeHarness node, String addedAfter, int limit) {
        return readAfter(node, addedAfter, limit, NodeHarness.OFFICER);
    }

    /** Every object added after {@code addedAfter} (null: all), following next in pages of {@code limit}. */
    private static List<JsonNode> readAfter(NodeHarness node, String addedAfter, int limit, String token) {
        String collection = token.equals(NodeHarness.PUBLISHER) ? "outbox" : "inbox";
        List<JsonNode> objects = new ArrayList<>();
        String next = null;
        do {
            String query = "limit=" + limit + (addedAfter == null ? "" : "&added_after=" + TaxiiServerIT.enc(addedAfter))
                    + (next == null ? "" : "&next=" + next);
            HttpResponse<String> response = node.send("GET", ROOT + "collections/" + collection + "/objects/?" + query, null, null, null,
                    headers(token));
            assertEquals(200, response.statusCode(), response.body());
            try {
                JsonNode page = JSON.readTree(response.body());
                assertTrue(page.path("objects").size() <= limit);
                page.path("objects").forEach(objects::add);
                next = page.get("more").asBoolean() ? page.get("next").asText() : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } while (next != null);
        return objects;
    }

    private static List<JsonNode> reports(List<JsonNode> objects) {
        return TaxiiServerIT.reports(objects);
    }

    private static List<String> titles(List<JsonNode> objects) {
        return reports(objects).stream().filter(r -> !r.path("revoked").asBoolean()).map(r -> r.get("name").asText()).toList();
    }
}
