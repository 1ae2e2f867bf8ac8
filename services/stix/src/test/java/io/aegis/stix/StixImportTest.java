package io.aegis.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.schema.common.Tlp;
import io.aegis.stix.StixImport.Failure;
import io.aegis.stix.StixImport.Imported;
import io.aegis.stix.StixImport.Origin;
import io.aegis.stix.StixImport.Result;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StixImportTest {

    private static final String GREEN_1_0 = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";

    private static ObjectNode report(String markings) {
        return (ObjectNode) Samples.parse("""
                {`type`: `report`, `spec_version`: `2.1`, `id`: `report--2f1d6c8a-4b3e-4a57-9c0d-8e7f6a5b4c3d`,
                 `created`: `2026-01-05T10:00:00.000Z`, `modified`: `2026-01-05T10:00:00.000Z`,
                 `published`: `2026-01-05T09:00:00.000Z`, `name`: `A report`,
                 `object_refs`: [`indicator--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`],
                 `object_marking_refs`: %s}""".formatted(markings));
    }

    private static JsonNode envelope(JsonNode... objects) {
        ObjectNode doc = Samples.JSON.createObjectNode();
        ArrayNode array = doc.putArray("objects");
        for (JsonNode o : objects) {
            array.add(o);
        }
        return doc;
    }

    @Test
    void shouldReadTlp10MarkingsWithWhiteAsClear() {
        Result white = StixImport.read(envelope(report("[`marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9`]")));
        Result red = StixImport.read(envelope(report("[`marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed`]")));

        assertThat(white.signals().get(0).body().get("tlp").asText()).isEqualTo("CLEAR");
        assertThat(red.signals().get(0).body().get("tlp").asText()).isEqualTo("RED");
    }

    @Test
    void shouldRefuseAnObjectWithoutTlpMarkingRatherThanGuessAnAudience() {
        Result result = StixImport.read(envelope(report("[]")));

        assertThat(result.signals()).isEmpty();
        assertThat(result.failures()).containsExactly(new Failure("report--2f1d6c8a-4b3e-4a57-9c0d-8e7f6a5b4c3d",
                "object_marking_refs", "no TLP marking: Aegis never guesses an audience"));
    }

    @Test
    void shouldApplyTheMostRestrictiveOfSeveralTlpMarkings() {
        Result result = StixImport.read(envelope(report("[`%s`, `%s`]".formatted(GREEN_1_0, TlpMarkings.id(Tlp.AMBER_STRICT)))));

        assertThat(result.signals().get(0).body().get("tlp").asText()).isEqualTo("AMBER+STRICT");
    }

    @Test
    void shouldImportAMispGroupingWithPerObjectResults() {
        Result result = StixImport.read(Samples.resource("misp-event.json"));

        assertThat(result.signals()).hasSize(1);
        Imported grouping = result.signals().get(0);
        JsonNode body = grouping.body();
        assertThat(body.get("tlp").asText()).isEqualTo("GREEN");
        assertThat(body.get("category").asText()).isEqualTo("PROMPT_INJECTION");
        assertThat(body.get("indicators").toString()).isEqualTo("[{\"type\":\"DOMAIN\",\"value\":\"support-helpdesk.example\"},"
                + "{\"type\":\"IPV4\",\"value\":\"203.0.113.17\"},{\"type\":\"IPV4\",\"value\":\"203.0.113.18\"}]");
        assertThat(body.get("observedAt").asText()).isEqualTo("2026-02-10T09:12:44.000Z");
        assertThat(body.get("severity").asInt()).isEqualTo(3);
        assertThat(body.get("confidence").asInt()).isEqualTo(50);
        // An AND pattern is STIX but not one indicator; an unescaped quote is not STIX at all.
        assertThat(result.failures()).extracting(Failure::objectId, Failure::property).containsExactly(
                tuple("indicator--9a2f6c14-5e8b-4d3a-81c7-6b0e2d9f4a35", "pattern"),
                tuple("indicator--d3b7e052-8a1f-4c69-9e24-7f5a0c3b8d61", "pattern"));
        assertThat(result.failures().get(0).message()).startsWith("valid STIX pattern that Aegis cannot map");
        assertThat(result.failures().get(1).message()).startsWith("not valid STIX pattern syntax");
        assertThat(grouping.usedIds()).containsExactly("grouping--b61e2f7d-94c3-4a0e-8d15-2c7f6a9e3b08",
                "indicator--0c5d8e21-7f3a-4b96-a2e4-91d6b3c0f5a7", "indicator--4e8a1b93-2c6d-4f07-b8e5-3a9c7d1e6f20");
    }

    @Test
    void shouldImportAnOpenCtiReportAndItsLoneIndicatorsWithPerObjectResults() {
        Result result = StixImport.read(Samples.resource("opencti-report.json"));

        assertThat(result.signals()).extracting(Imported::objectId).containsExactly(
                "report--8d2b5f0e-3c7a-4e91-a6d4-0f9b2c8e5a17", "indicator--3d8f0a62-9c1e-4b57-a2d3-6e4b8c0f1a29");
        JsonNode report = result.signals().get(0).body();
        assertThat(report.get("title").asText()).isEqualTo("Deepfake voice fraud wave against bank call centres");
        assertThat(report.get("category").asText()).isEqualTo("DEEPFAKE_FRAUD");
        assertThat(report.get("tlp").asText()).isEqualTo("AMBER");
        assertThat(report.get("severity").asInt()).isEqualTo(4);
        assertThat(report.get("confidence").asInt()).isEqualTo(75);
        assertThat(report.get("observedAt").asText()).isEqualTo("2026-02-20T07:45:00.000Z");
        assertThat(report.get("sectors").toString()).isEqualTo("[\"FINANCE\"]");
        assertThat(report.get("atlasTechniques")).isEmpty();
        assertThat(report.get("indicators").toString()).isEqualTo("[{\"type\":\"DOMAIN\",\"value\":\"callback-verify.example\"}]");
        JsonNode lone = result.signals().get(1).body();
        assertThat(lone.get("tlp").asText()).isEqualTo("CLEAR");
        assertThat(lone.get("indicators").get(0).get("type").asText()).isEqualTo("EMAIL");
        assertThat(lone.get("observedAt").asText()).isEqualTo("2026-02-18T12:00:00.000Z");
        assertThat(result.failures()).containsExactly(
                new Failure("indicator--6c3a9e17-8b2f-4d54-a0c6-3e1f7b9d2c48", "pattern_type",
                        "pattern_type \"yara\" without the Aegis extension: Aegis reads only STIX patterns"),
                new Failure("indicator--8e5b2d74-0f3a-4c96-b1e8-7a2c5d9f0b16", "object_marking_refs",
                        "no TLP marking: Aegis never guesses an audience"));
    }

    @Test
    void shouldTellWhichStixObjectAndPropertyEachFieldCameFrom() {
        Imported imported = StixImport.read(StixExport.bundle(StixExport.objects(Samples.signal(Tlp.RED, "FR", null))))
                .signals().get(0);
        String ext = "extensions." + AegisExtension.ID + ".";

        assertThat(imported.origins().get("title")).isEqualTo(new Origin(imported.objectId(), "name"));
        assertThat(imported.origins().get("severity")).isEqualTo(new Origin(imported.objectId(), ext + "severity"));
        assertThat(imported.origins().get("tlp")).isEqualTo(new Origin(imported.objectId(), "object_marking_refs"));
        Origin second = imported.origins().get("indicators[1]");
        assertThat(second.objectId()).isEqualTo(ExportParts.indicatorId(Samples.SIGNAL_ID,
                Samples.content(Tlp.RED).getIndicators().get(1)));
        assertThat(second.property()).isEqualTo(ext + "value");
    }

    @Test
    void shouldNameTheObjectAndPropertyOfMalformedInput() {
        JsonNode doc = Samples.parse("""
                {`objects`: [42, {`id`: `indicator--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`}, {`type`: `indicator`},
                  {`type`: `indicator`, `id`: `indicator-0a1b2c3d`},
                  {`type`: `report`, `id`: `indicator--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`}]}""");

        Result result = StixImport.read(doc);

        assertThat(result.failures()).extracting(Failure::objectId, Failure::property).containsExactly(
                tuple("objects[0]", ""),
                tuple("objects[1]", "type"),
                tuple("objects[2]", "id"),
                tuple("objects[3]", "id"),
                tuple("objects[4]", "id"));
        assertThat(StixImport.read(Samples.parse("[]")).failures().get(0).property()).isEmpty();
        assertThat(StixImport.read(Samples.parse("{`type`: `bundle`}")).failures())
                .containsExactly(new Failure("document", "objects", "required: an array of STIX objects"));
    }

    @Test
    void shouldStillImportValidObjectsNextToAFailedReport() {
        ObjectNode unmarked = report("[]");
        ObjectNode marked = report("[`%s`]".formatted(GREEN_1_0));
        marked.put("id", "report--7c6b5a49-3827-4165-9a4b-3c2d1e0f9a8b");

        Result result = StixImport.read(envelope(unmarked, marked));

        assertThat(result.signals()).extracting(Imported::objectId).containsExactly("report--7c6b5a49-3827-4165-9a4b-3c2d1e0f9a8b");
        assertThat(result.failures()).hasSize(1);
    }

    @Test
    void shouldRefuseAnExtensionWhoseTlpContradictsTheMarking() {
        List<ObjectNode> objects = StixExport.objects(Samples.signal(Tlp.AMBER, null, null));
        ((ObjectNode) objects.get(0).get("extensions").get(AegisExtension.ID)).put("tlp", "CLEAR");

        Result result = StixImport.read(StixExport.bundle(objects));

        assertThat(result.signals()).isEmpty();
        assertThat(result.failures()).extracting(Failure::property).containsExactly("extensions." + AegisExtension.ID + ".tlp");
    }

    @Test
    void shouldTruncateLongNamesToTheTitleLimitWithAMarker() {
        ObjectNode long1 = report("[`%s`]".formatted(GREEN_1_0));
        long1.put("name", "x".repeat(250));

        String title = StixImport.read(envelope(long1)).signals().get(0).body().get("title").asText();

        assertThat(title).hasSize(200).endsWith("…").startsWith("xxx");
    }

    @Test
    void shouldNotImportRevokedObjects() {
        ObjectNode revoked = report("[`%s`]".formatted(GREEN_1_0));
        revoked.put("revoked", true);

        Result result = StixImport.read(envelope(revoked));

        assertThat(result.signals()).isEmpty();
        assertThat(result.failures()).extracting(Failure::property).containsExactly("revoked");
    }
}
