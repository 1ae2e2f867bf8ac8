package io.aegis.node.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.schema.common.Tlp;
import io.aegis.stix.TlpMarkings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.aegis.node.fuzz.Values.NODES;

/**
 * STIX 2.1 documents for {@code POST /api/v1/stix/bundles} (a bundle) and the TAXII outbox's
 * {@code POST .../objects/} (an envelope), written from the STIX 2.1 specification and docs/stix.md:
 * a valid document (a GREEN lone indicator and a GREEN report with its indicator: two signals), and
 * documents invalid by construction. An invalid document either breaks the document itself (not an
 * object, no objects array, malformed JSON) or holds only signal sources that are each broken (not an
 * object, no type or id, a malformed id, no TLP marking, no name, a pattern that does not parse,
 * revoked), and a report is broken together with its indicator, so that dropping the report never
 * frees its indicator as a valid lone one: no invalid document may yield a signal.
 */
public final class StixFuzz {

    /** Patterns the STIX patterning grammar refuses. */
    static final List<String> BAD_PATTERNS = List.of("", "[", "domain-name:value = 'x'", "[domain-name:value = ]",
            "[domain-name:value = 'x'", "[domain-name:value = 'x']]", "[domain-name: = 'x']", "[] AND []", "[domain-name:value ~ 'x']",
            "[domain-name:value = 'x'] FOLLOWEDBY", "[domain-name:value = 'x'] WITHIN -5 SECONDS", "((((");

    private final Values v;

    public StixFuzz(Values values) {
        this.v = values;
    }

    /** A document and whether its envelope is well formed (an object with an objects array) with every object invalid. */
    public record Document(String label, byte[] body, boolean wellFormed) {
    }

    /** A valid document: two signals (for requests whose defect lies elsewhere). */
    public byte[] valid(boolean bundle) {
        List<JsonNode> objects = new ArrayList<>(lone());
        objects.addAll(report());
        return BodyFuzz.bytes(document(bundle, objects));
    }

    public Document invalid(boolean bundle) {
        return switch (v.random.nextInt(12)) {
            case 0 -> new Document("stix not an object", BodyFuzz.bytes(v.random.nextBoolean()
                    ? NODES.arrayNode().addAll(lone()) : v.scalar()), false);
            case 1 -> {
                ObjectNode document = document(bundle, lone());
                JsonNode objects = document.remove("objects");
                if (v.random.nextBoolean()) {
                    document.set(v.oneOf(List.of("object", "Objects", "signals", v.word())), objects);
                }
                yield new Document("stix without objects", BodyFuzz.bytes(document), false);
            }
            case 2 -> new Document("stix objects not an array", BodyFuzz.bytes(document(bundle, List.of())
                    .set("objects", v.random.nextBoolean() ? lone().get(0) : v.otherThan("array"))), false);
            case 3 -> new Document("stix malformed JSON", malformed(bundle), false);
            case 4 -> new Document("stix no objects", BodyFuzz.bytes(document(bundle, List.of())), true);
            default -> {
                List<JsonNode> objects = new ArrayList<>();
                for (int i = v.between(1, 4); i > 0; i--) {
                    objects.addAll(brokenSource());
                }
                yield new Document("stix objects each invalid", BodyFuzz.bytes(document(bundle, objects)), true);
            }
        };
    }

    /** An invalid document whose first free text carries bytes that are not UTF-8 (invalid even without them). */
    public byte[] invalidUtf8(boolean bundle) {
        List<JsonNode> objects = new ArrayList<>(brokenSource());
        ObjectNode named = NODES.objectNode().put("type", "note").put("id", "note--" + UUID.randomUUID()).put("content", "x\u0001FUZZ\u0001y");
        objects.add(named);
        return BodyFuzz.splice(BodyFuzz.bytes(document(bundle, objects)), v.invalidUtf8());
    }

    ObjectNode document(boolean bundle, List<? extends JsonNode> objects) {
        ObjectNode document = NODES.objectNode();
        if (bundle) {
            document.put("type", "bundle").put("id", "bundle--" + UUID.randomUUID());
        }
        ArrayNode array = document.putArray("objects");
        objects.forEach(array::add);
        return document;
    }

    /** One signal source (a lone indicator, or a report with its indicator), broken so that it yields no signal. */
    List<JsonNode> brokenSource() {
        if (v.chance(0.15)) {
            return List.of(v.otherThan("object"));
        }
        boolean isReport = v.random.nextBoolean();
        List<ObjectNode> unit = isReport ? report() : lone();
        int choice = v.random.nextInt(isReport ? 8 : 7);
        for (ObjectNode o : unit) {
            switch (choice) {
                case 0 -> o.remove("type");
                case 1 -> o.set("type", v.otherThan("string"));
                case 2 -> o.remove("id");
                case 3 -> o.put("id", badId(o.path("type").asText()));
                case 4 -> o.remove("object_marking_refs");
                case 5 -> o.put("revoked", true);
                case 6 -> {
                    if (o.path("type").asText().equals("indicator")) {
                        o.put("pattern", v.oneOf(BAD_PATTERNS));
                    }
                }
                default -> {
                    if (o.path("type").asText().equals("report")) {
                        o.put("name", v.oneOf(List.of("", " ", "\t")));
                    } else {
                        o.put("pattern", v.oneOf(BAD_PATTERNS)); // the report is refused whole for its indicator
                    }
                }
            }
        }
        return List.copyOf(unit);
    }

    private String badId(String type) {
        String uuid = UUID.randomUUID().toString();
        return v.oneOf(List.of(type + "--" + uuid.substring(0, 8), type + "-" + uuid, uuid, type + "--", type + "--" + uuid + "x",
                (type.equals("report") ? "indicator" : "report") + "--" + uuid, type + "--" + uuid.replace('-', '_'), v.word()));
    }

    /** A lone GREEN indicator with a valid pattern: one signal. */
    List<ObjectNode> lone() {
        return List.of(indicator(v.oneOf(List.of("[domain-name:value = 'fraud.example']", "[ipv4-addr:value = '198.51.100.7']"))));
    }

    /** A GREEN report and the indicator it refers to: one signal. */
    List<ObjectNode> report() {
        ObjectNode indicator = indicator("[domain-name:value = 'cfo-voice.example']");
        String now = now();
        ObjectNode report = NODES.objectNode().put("type", "report").put("spec_version", "2.1").put("id", "report--" + UUID.randomUUID())
                .put("created", now).put("modified", now).put("name", "Voice-clone fraud " + v.random.nextInt(1_000_000)).put("published", now)
                .put("confidence", 80);
        report.putArray("report_types").add("threat-report");
        report.putArray("labels").add("deepfake");
        report.putArray("object_refs").add(indicator.get("id").asText());
        report.putArray("object_marking_refs").add(TlpMarkings.id(Tlp.GREEN));
        return List.of(report, indicator);
    }

    private ObjectNode indicator(String pattern) {
        String now = now();
        ObjectNode indicator = NODES.objectNode().put("type", "indicator").put("spec_version", "2.1").put("id", "indicator--" + UUID.randomUUID())
                .put("created", now).put("modified", now).put("pattern", pattern).put("pattern_type", "stix").put("valid_from", now);
        indicator.putArray("object_marking_refs").add(TlpMarkings.id(Tlp.GREEN));
        return indicator;
    }

    private static String now() {
        return Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private byte[] malformed(boolean bundle) {
        // (its objects are broken too: a reader that tolerated the malformation would still find no signal)
        String json = new String(BodyFuzz.bytes(document(bundle, brokenSource())), StandardCharsets.UTF_8);
        String text = switch (v.random.nextInt(7)) {
            case 0 -> json.substring(0, v.between(1, json.length() - 1));
            case 1 -> json + v.oneOf(List.of(" {}", "]", ",", " x", "{\"a\":1}"));
            case 2 -> json.replace('"', '\'');
            case 3 -> "{\"objects\": [], \"objects\": []}"; // duplicate keys (what follows would be invalid anyway)
            case 4 -> "{\"objects\": [" + "[".repeat(v.between(1001, 5000));
            case 5 -> "@" + v.anyText();
            default -> "";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
