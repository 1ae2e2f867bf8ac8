package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.schema.common.Tlp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** One hand-broken object per rule family; each must be caught, naming the property. */
class StixConformanceTest {

    private static final List<ObjectNode> EXPORT = StixExport.objects(Samples.signal(Tlp.AMBER, "FR", "ANSSI"));

    private static ObjectNode ofType(String type) {
        return EXPORT.stream().filter(o -> o.get("type").asText().equals(type)).findFirst().orElseThrow().deepCopy();
    }

    private static List<String> broken(String type, Consumer<ObjectNode> breakIt) {
        ObjectNode o = ofType(type);
        assertThat(StixConformance.violations(o)).as("intact " + type).isEmpty();
        breakIt.accept(o);
        return StixConformance.violations(o);
    }

    @Test
    void shouldAcceptTheOfficialTlp2AndTlp1MarkingDefinitions() {
        JsonNode tlp1 = Samples.resource("misp-event.json").get("objects").get(1);

        assertThat(StixConformance.violations(TlpMarkings.definition(Tlp.AMBER_STRICT))).isEmpty();
        assertThat(StixConformance.violations(tlp1)).isEmpty();
    }

    @Test
    void shouldRejectBadTypeAndIdShapes() {
        assertThat(broken("report", o -> o.put("type", "Re"))).anyMatch(v -> v.startsWith("type:"));
        assertThat(broken("report", o -> o.put("id", "indicator--2f1d6c8a-4b3e-4a57-9c0d-8e7f6a5b4c3d")))
                .anyMatch(v -> v.startsWith("id:"));
        assertThat(broken("report", o -> o.put("id", "report--not-a-uuid"))).anyMatch(v -> v.startsWith("id:"));
    }

    @Test
    void shouldRequireSpecVersion21() {
        assertThat(broken("indicator", o -> o.remove("spec_version"))).contains("spec_version: required, must be \"2.1\"");
        assertThat(broken("software", o -> o.put("spec_version", "2.0")))
                .contains("spec_version: must be \"2.1\" when present");
    }

    @Test
    void shouldRequireVersioningTimestampsWhereTheSpecificationDoes() {
        assertThat(broken("attack-pattern", o -> o.remove("modified"))).contains("modified: required");
        assertThat(broken("marking-definition", o -> o.remove("created"))).contains("created: required");
        assertThat(broken("marking-definition", o -> o.put("modified", "2022-10-01T00:00:00.000Z")))
                .anyMatch(v -> v.startsWith("modified: not a property of marking-definition"));
        assertThat(broken("software", o -> o.put("created", "2026-01-01T00:00:00.000Z")))
                .anyMatch(v -> v.startsWith("created: not a property of a cyber-observable object"));
    }

    @Test
    void shouldRejectBadTimestampsAndVersionOrder() {
        assertThat(broken("report", o -> o.put("created", "2026-03-01 10:15:30"))).anyMatch(v -> v.startsWith("created: must be an RFC 3339"));
        assertThat(broken("report", o -> o.put("created", "2026-03-01T10:15:30+01:00"))).anyMatch(v -> v.startsWith("created: must be"));
        assertThat(broken("report", o -> o.put("modified", "2026-03-01T10:15:30Z"))).contains("modified: must be precise to the millisecond");
        assertThat(broken("report", o -> o.put("modified", "2020-01-01T00:00:00.000Z")))
                .contains("modified: must be later than or equal to created");
    }

    @Test
    void shouldRequireReferencesOfTheRightType() {
        assertThat(broken("report", o -> o.put("created_by_ref", TlpMarkings.id(Tlp.RED))))
                .anyMatch(v -> v.startsWith("created_by_ref:"));
        assertThat(broken("report", o -> o.putArray("object_marking_refs").add(AegisExtension.NETWORK_IDENTITY_ID)))
                .anyMatch(v -> v.startsWith("object_marking_refs:"));
        assertThat(broken("report", o -> o.putArray("object_marking_refs"))).anyMatch(v -> v.startsWith("object_marking_refs:"));
    }

    @Test
    void shouldRequireExtensionKeysAndPropertyExtensionTypes() {
        assertThat(broken("report", o -> ((ObjectNode) o.get("extensions")).putObject("x-aegis")))
                .contains("extensions.x-aegis: key must be an extension-definition identifier or a predefined extension name");
        assertThat(broken("report", o -> ((ObjectNode) o.get("extensions").get(AegisExtension.ID)).remove("extension_type")))
                .anyMatch(v -> v.startsWith("extensions." + AegisExtension.ID + ".extension_type"));
    }

    @Test
    void shouldRequireSourceNameOnExternalReferences() {
        assertThat(broken("attack-pattern", o -> ((ObjectNode) o.get("external_references").get(0)).remove("source_name")))
                .contains("external_references[0].source_name: required");
    }

    @Test
    void shouldRequireEachTypesOwnProperties() {
        assertThat(broken("report", o -> o.remove("published"))).contains("published: required");
        assertThat(broken("report", o -> o.putArray("object_refs"))).anyMatch(v -> v.startsWith("object_refs:"));
        assertThat(broken("indicator", o -> o.remove("valid_from"))).contains("valid_from: required");
        assertThat(broken("indicator", o -> o.remove("pattern_type"))).anyMatch(v -> v.startsWith("pattern_type:"));
        assertThat(broken("attack-pattern", o -> o.remove("name"))).anyMatch(v -> v.startsWith("name:"));
        assertThat(broken("identity", o -> o.remove("name"))).anyMatch(v -> v.startsWith("name:"));
        assertThat(broken("software", o -> o.remove("name"))).anyMatch(v -> v.startsWith("name:"));
        assertThat(broken("extension-definition", o -> o.remove("schema"))).anyMatch(v -> v.startsWith("schema:"));
        assertThat(broken("extension-definition", o -> o.putArray("extension_types").add("plugin")))
                .anyMatch(v -> v.startsWith("extension_types:"));
        assertThat(broken("extension-definition", o -> o.remove("created_by_ref"))).anyMatch(v -> v.startsWith("created_by_ref:"));
        assertThat(broken("marking-definition", o -> o.remove("extensions")))
                .contains("definition_type: required, a non-empty string");
    }

    @Test
    void shouldRequireStixPatternsToParse() {
        assertThat(broken("indicator", o -> o.put("pattern", "[domain-name:value = 'unterminated]")))
                .anyMatch(v -> v.startsWith("pattern: must be valid STIX pattern syntax"));
    }

    @Test
    void shouldCheckEveryObjectOfABundle() {
        ObjectNode bundle = StixExport.bundle(EXPORT);
        ((ObjectNode) bundle.get("objects").get(1)).remove("spec_version");
        bundle.put("id", "bundle--x");

        assertThat(StixConformance.violations(bundle)).containsExactly("id: required, must be bundle--<RFC 4122 UUID>",
                "objects[1].spec_version: required, must be \"2.1\"");
    }
}
