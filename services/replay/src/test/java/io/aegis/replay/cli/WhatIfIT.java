package io.aegis.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.escalation.domain.RulesParser;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.domain.Recorded;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.support.CliRunner;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioProducer;
import io.aegis.replay.whatif.EscalationRun;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code what-if} over recorded coordination signals: campaign A is reported by FR, DE and JP,
 * campaign B by FR and DE. The live rule escalates a group reported by two countries; a stricter
 * rule (three countries) must lose exactly B's escalation, a looser rule set (adding SEVERE at
 * three countries) must gain exactly A's SEVERE escalation, and the live rules change nothing.
 */
@Tag("integration")
@Timeout(120)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfIT {

    private static final String HEADER = """
            version: 1
            windows: {short: PT1H}
            correlation: {keys: [CAMPAIGN], resolution: PT1M}
            rules:
            """;
    private static final String CURRENT = HEADER
            + "  - {id: cross-border, tier: ELEVATED, window: short, when: {minCountries: 2}}\n";
    private static final String STRICTER = HEADER
            + "  - {id: cross-border, tier: ELEVATED, window: short, when: {minCountries: 3}}\n";
    private static final String LOOSER = CURRENT
            + "  - {id: three-countries, tier: SEVERE, window: short, when: {minCountries: 3}}\n";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final List<Recorded<CoordinationSignal>> signals = new ArrayList<>();
    private Path rulesDir;
    private CliRunner cli;

    @BeforeAll
    void recordSignalsAndLiveEscalations(KafkaCluster cluster, @TempDir Path workingDir) throws IOException {
        rulesDir = workingDir;
        signal("a1", "FR", "A", 60);
        signal("a2", "DE", "A", 120);
        signal("a3", "JP", "A", 180);
        signal("b1", "FR", "B", 600);
        signal("b2", "DE", "B", 660);
        // What happened: the escalation service's topology under the live rule.
        List<Escalation> live = EscalationRun.run(RulesParser.parse("live", CURRENT), signals);
        assertEquals(2, live.size(), "the live rule escalates A and B once each");

        ScenarioProducer.createTopics(cluster, List.of(new NewTopic(TopicNames.COORDINATION_SIGNALS, 1, (short) 1),
                new NewTopic(TopicNames.ESCALATIONS, 1, (short) 1), new NewTopic(TopicNames.CASES, 1, (short) 1)));
        ScenarioProducer producer = new ScenarioProducer(cluster, registry, "");
        try (KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(cluster.producerProps())) {
            producer.send(kafka, TopicNames.COORDINATION_SIGNALS, 0, signals.stream().map(Recorded::value).toList(),
                    CoordinationSignal::getSignalId, CoordinationSignal::getSubmittedAt);
            producer.send(kafka, TopicNames.ESCALATIONS, 0, live, Escalation::getCorrelationKey, Escalation::getEscalatedAt);
        }
        cli = new CliRunner(cluster.bootstrapServers(), registry, workingDir);
    }

    @Test
    void shouldLoseExactlyTheEscalationStricterRuleNoLongerMakes(@TempDir Path out) throws IOException {
        JsonNode report = whatIf("stricter.yaml", STRICTER, out);

        assertEquals(1, report.get("lost").size(), report.toString());
        assertEquals("[\"b1\",\"b2\"]", report.get("lost").get(0).get("signalIds").toString());
        assertEquals(0, report.get("gained").size(), report.toString());
        // A still escalates, but only once JP reports.
        assertEquals(1, report.get("later").size(), report.toString());
        assertTrue(report.get("later").get(0).get("deltaSeconds").asLong() > 0);
    }

    @Test
    void shouldGainExactlyTheEscalationLooserRulesAdd(@TempDir Path out) throws IOException {
        JsonNode report = whatIf("looser.yaml", LOOSER, out);

        assertEquals(1, report.get("gained").size(), report.toString());
        JsonNode gained = report.get("gained").get(0);
        assertEquals("SEVERE", gained.get("tier").asText());
        assertEquals("[\"a1\",\"a2\",\"a3\"]", gained.get("signalIds").toString());
        assertTrue(gained.get("opensCase").asBoolean(), "a SEVERE escalation opens a case");
        assertEquals(Instant.parse(gained.get("candidateAt").asText()).plusSeconds(3600),
                Instant.parse(gained.get("ackDueAt").asText()));
        assertEquals(0, report.get("lost").size() + report.get("earlier").size() + report.get("later").size());
    }

    @Test
    void shouldReproduceWhatHappenedUnderTheLiveRules(@TempDir Path out) throws IOException {
        JsonNode report = whatIf("current.yaml", CURRENT, out);

        assertEquals(2, report.get("unchanged").asInt(), report.toString());
        assertEquals(0, report.get("gained").size() + report.get("lost").size() + report.get("earlier").size()
                + report.get("later").size());
    }

    @Test
    void shouldNameRuleViolationsOfInvalidCandidate() throws IOException {
        Path rules = Files.writeString(rulesDir.resolve("broken.yaml"), HEADER
                + "  - {id: cross-border, tier: EXTREME, window: short, when: {minCountries: 2}}\n");

        CliRunner.Result result = cli.run("what-if", "--from", "2026-11-20T10:00:00Z", "--to", "2026-11-20T12:00:00Z",
                "--rules", rules.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("--rules: " + rules + " is not valid"), result.err());
    }

    private JsonNode whatIf(String name, String rules, Path out) throws IOException {
        Path file = Files.writeString(rulesDir.resolve(name), rules);
        CliRunner.Result result = cli.run("what-if", "--from", "2026-11-20T10:00:00Z", "--to", "2026-11-20T12:00:00Z",
                "--rules", file.toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.toString());
        return JsonReport.mapper().readTree(out.resolve("whatif.json").toFile());
    }

    private void signal(String id, String origin, String campaign, int secondsAfterT0) {
        Instant at = Scenario.T0.plusSeconds(secondsAfterT0);
        CoordinationSignal signal = Signals.coordination(origin).setSignalId(id).setCampaignId(campaign)
                .setIndicators(List.of()).setAffectedSystems(List.of()).setSubmittedAt(at).setObservedAt(at).build();
        signals.add(new Recorded<>(TopicNames.COORDINATION_SIGNALS, 0, signals.size(), at.toEpochMilli(), id, signal));
    }
}
