package io.aegis.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.SignalContent;
import io.aegis.stix.AegisExtension;
import io.aegis.stix.StixExport;
import io.aegis.stix.StixSignal;
import io.aegis.stix.TlpMarkings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * TAXII clients of three members against the running devstack's node processes, over HTTP with
 * Basic authentication: what {@link DevStackIT} asks of the TAXII servers after the demo. Each call
 * is what a generic TAXII 2.1 client sends.
 */
final class TaxiiOverTheDevstack {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MEDIA = "application/taxii+json;version=2.1";
    static final String OBJECTS = "/taxii2/aegis/collections/%s/objects/";
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Map<String, Object>> nodes;

    TaxiiOverTheDevstack(Map<String, Map<String, Object>> nodes) {
        this.nodes = nodes;
    }

    /** A client of {@code country} with its {@code role} token as the Basic password. */
    HttpResponse<String> send(String country, String role, String method, String path, String body)
            throws IOException, InterruptedException {
        Map<String, Object> node = nodes.get(country);
        String token = String.valueOf(((Map<?, ?>) node.get("tokens")).get(role));
        String basic = Base64.getEncoder().encodeToString(("tip-" + country + ":" + token).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.get("url") + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + basic).header("Accept", MEDIA);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", MEDIA);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The node API's retraction of an own signal, by {@code country}'s publisher. */
    HttpResponse<String> retract(String country, String signalId) throws IOException, InterruptedException {
        Map<String, Object> node = nodes.get(country);
        String token = String.valueOf(((Map<?, ?>) node.get("tokens")).get("publisher"));
        return http.send(HttpRequest.newBuilder(URI.create(node.get("url") + "/api/v1/signals/" + signalId + "/retract"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"hoax\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every object of {@code country}'s inbox collection added after {@code addedAfter}, following next in pages of two. */
    List<JsonNode> inboxAfter(String country, String addedAfter) throws IOException, InterruptedException {
        List<JsonNode> objects = new ArrayList<>();
        String next = null;
        do {
            String query = "?limit=2&added_after=" + URLEncoder.encode(addedAfter, StandardCharsets.UTF_8)
                    + (next == null ? "" : "&next=" + next);
            HttpResponse<String> response = send(country, "officer", "GET", OBJECTS.formatted("inbox") + query, null);
            if (response.statusCode() != 200) {
                throw new IOException(country + " inbox collection answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode page = JSON.readTree(response.body());
            if (page.path("objects").size() > 2) {
                throw new IOException("a page of limit 2 held " + page.path("objects").size() + " objects");
            }
            page.path("objects").forEach(objects::add);
            next = page.path("more").asBoolean() ? page.path("next").asText() : null;
        } while (next != null);
        return objects;
    }

    /**
     * An envelope as two tools would post it: a generic platform's GREEN report (no Aegis extension:
     * category and severity from the documented defaults) and an Aegis RED report for {@code redTo} only.
     * Neither can escalate: category OTHER, low severity, no critical sector.
     */
    static ObjectNode envelope(String greenTitle, String redTitle, String redTo) {
        io.aegis.kafka.avro.AvroTrust.trustContracts(); // the test builds a generated Avro record; Avro loads only trusted classes
        ObjectNode envelope = JSON.createObjectNode();
        ArrayNode objects = envelope.putArray("objects");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SignalContent red = SignalContent.newBuilder().setCategory(Category.OTHER).setTitle(redTitle).setSeverity(1).setConfidence(40)
                .setTlp(Tlp.RED).setObservedAt(now.minusSeconds(60)).setSectors(List.of(Sector.EDUCATION))
                .setRecipients(List.of(redTo)).build();
        StixExport.objects(new StixSignal(UUID.randomUUID().toString(), null, null, now, now, red, false)).forEach(objects::add);
        String at = now.toString();
        String indicator = "indicator--" + UUID.randomUUID();
        objects.add(JSON.createObjectNode().put("type", "indicator").put("spec_version", "2.1").put("id", indicator)
                .put("created", at).put("modified", at).put("pattern", "[url:value = 'https://lure.example/cv.pdf']")
                .put("pattern_type", "stix").put("valid_from", at)
                .set("object_marking_refs", JSON.createArrayNode().add(TlpMarkings.id(Tlp.GREEN))));
        ObjectNode report = JSON.createObjectNode().put("type", "report").put("spec_version", "2.1")
                .put("id", "report--" + UUID.randomUUID()).put("created", at).put("modified", at).put("name", greenTitle)
                .put("published", at).put("confidence", 10);
        report.putArray("object_refs").add(indicator);
        report.putArray("object_marking_refs").add(TlpMarkings.id(Tlp.GREEN));
        objects.add(report);
        return envelope;
    }

    static List<JsonNode> reports(List<JsonNode> objects, String title) {
        return objects.stream().filter(o -> o.path("type").asText().equals("report") && o.path("name").asText().equals(title)).toList();
    }

    static String signalId(JsonNode report) {
        return report.at("/extensions/" + AegisExtension.ID + "/signal_id").asText();
    }
}
