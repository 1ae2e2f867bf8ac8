package io.aegis.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.support.CliRunner;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioProducer;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recorded incident on a real broker, replayed by the CLI into a timeline whose content is checked. */
@Tag("integration")
@Timeout(120)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineIT {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Scenario scenario = new Scenario();
    private CliRunner cli;

    @BeforeAll
    void recordScenario(KafkaCluster cluster, @TempDir Path workingDir) {
        new ScenarioProducer(cluster, registry, "").produce(scenario);
        cli = new CliRunner(cluster.bootstrapServers(), registry, workingDir);
    }

    @Test
    void shouldReconstructCaseFromItsSignalsThroughAcknowledgement(@TempDir Path out) throws IOException {
        // when
        CliRunner.Result result = cli.run("timeline", "--case", Scenario.CASE_ID, "--out", out.toString());

        // then: the case pulls in its group's signals, their routing and the whole response, not JP's signal
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode report = JsonReport.mapper().readTree(out.resolve("case-case-1.json").toFile());
        assertEquals("{\"SIGNAL\":2,\"ROUTING\":3,\"DELIVERY\":2,\"RECEIPT\":1,\"COORDINATION\":2,\"ESCALATION\":1,"
                + "\"CASE\":4,\"NOTIFICATION\":3,\"COMMAND\":2}", report.get("counts").toString());
        List<String> sources = new ArrayList<>();
        report.get("events").forEach(event -> sources.add(event.get("signalId").asText()));
        assertFalse(sources.contains("s3"), "JP's unrelated signal must not be in the case timeline");
        assertEquals("2026-11-20T10:01:00Z", report.get("events").get(0).get("at").asText());

        JsonNode ackFr = find(report.get("ackTimes"), "fr-duty-1");
        assertEquals(420, ackFr.get("meanSeconds").asLong());
        assertEquals("SEVERE", ackFr.get("tier").asText());
        assertEquals(1020, find(report.get("ackTimes"), "de-duty-1").get("maxSeconds").asLong());
        JsonNode neverAcked = find(report.get("ackTimes"), "de-duty-2");
        assertEquals(1, neverAcked.get("requests").asInt());
        assertEquals(0, neverAcked.get("acknowledged").asInt());

        JsonNode toDe = report.get("deliveries").get(0);
        assertEquals("DE", toDe.get("destination").asText());
        assertEquals(3, toDe.get("policyVersion").asInt());
        assertEquals("[\"amber-to-trusted\"]", toDe.get("ruleIds").toString());
        assertEquals("2026-11-20T10:01:05Z", toDe.get("receiptAt").asText());
    }

    @Test
    void shouldWriteSelfContainedHtmlAndMarkdownOfTheSameEvents(@TempDir Path out) throws IOException {
        // when
        CliRunner.Result result = cli.run("timeline", "--case", Scenario.CASE_ID, "--out", out.toString(),
                "--name", "report");

        // then
        assertEquals(0, result.exitCode(), result.toString());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg"), "timeline chart is inline SVG");
        assertFalse(html.contains("src=") || html.contains("href=") || html.contains("@import"),
                "the report references no external asset");
        assertTrue(html.contains("fr-duty-1") && html.contains("7m 00s"), "time to acknowledge is shown");
        String markdown = Files.readString(out.resolve("report.md"));
        assertEquals(20, markdown.lines().filter(line -> line.startsWith("| 2026-")).count(), markdown);
    }

    @Test
    void shouldNarrowRangeTimelineToCountryAndCategory(@TempDir Path out) throws IOException {
        // when: FR's view of model theft only
        CliRunner.Result result = cli.run("timeline", "--from", "2026-11-20T09:00:00Z", "--to", "2026-11-20T11:00:00Z",
                "--country", "FR", "--category", "MODEL_THEFT", "--out", out.toString());

        // then: JP's signal, its delivery to FR and its coordination entry; no escalation or case
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode report = JsonReport.mapper().readTree(out.resolve("timeline.json").toFile());
        assertEquals("{\"SIGNAL\":1,\"ROUTING\":1,\"DELIVERY\":1,\"COORDINATION\":1}", report.get("counts").toString());
        assertEquals("DELIVER_REDACTED", report.get("deliveries").get(0).get("outcome").asText());
    }

    @Test
    void shouldFailClearlyOnAnEmptyRangeAndAnUnknownCase(@TempDir Path out) {
        CliRunner.Result empty = cli.run("timeline", "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-02T00:00:00Z",
                "--out", out.toString());
        assertEquals(3, empty.exitCode(), empty.toString());
        assertTrue(empty.err().contains("no records in any Aegis topic between 2020-01-01T00:00:00Z"), empty.err());

        CliRunner.Result unknown = cli.run("timeline", "--case", "nope", "--out", out.toString());
        assertEquals(3, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("case nope is not in aegis.cases"), unknown.err());
    }

    private static JsonNode find(JsonNode ackTimes, String officer) {
        for (JsonNode node : ackTimes) {
            if (node.get("officerId").asText().equals(officer)) {
                return node;
            }
        }
        throw new AssertionError("no ack time for " + officer + " in " + ackTimes);
    }
}
