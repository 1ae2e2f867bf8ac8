package io.aegis.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.escalation.domain.Escalations;
import io.aegis.escalation.domain.EscalationRules;
import io.aegis.escalation.domain.RulesParser;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.domain.Recorded;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.support.CliRunner;
import io.aegis.replay.support.ScenarioProducer;
import io.aegis.replay.whatif.EscalationRun;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What-if reproduces the service: over ten days of recorded coordination signals (a few incidents
 * that keep being reported for days, category surges, a case resolved in the middle) and the
 * escalations the service's topology made from them under the shipped rules, a what-if with those
 * same rules over any range reports no difference — also for ranges that start long after a group
 * escalated (its tier must not be announced again) or after a case retired its group.
 */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfWarmUpIT {

    static final Path RULES = Path.of("../../infra/escalation-rules.yaml");
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final List<String> COUNTRIES = List.of("FR", "DE", "JP", "BR", "KE");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final List<Recorded<CoordinationSignal>> signals = new ArrayList<>();
    private final List<Recorded<EmergencyCase>> cases = new ArrayList<>();
    private List<Escalation> live;
    private CliRunner cli;

    @BeforeAll
    void recordTenDays(KafkaCluster cluster, @TempDir Path workingDir) throws IOException {
        Random random = new Random(20261203);
        int n = 0;
        for (int day = 0; day < 10; day++) {
            for (int incident = 0; incident < 4; incident++) {
                Instant at = START.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(20 * 3600));
                // a burst: several countries report the incident within the hour, some seriously
                if (random.nextInt(3) > 0) {
                    List<String> shuffled = new ArrayList<>(COUNTRIES);
                    java.util.Collections.shuffle(shuffled, random);
                    for (String country : shuffled.subList(0, 2 + random.nextInt(4))) {
                        at = at.plusSeconds(60 + random.nextInt(600));
                        signal("s" + n++, country, incident, 2 + random.nextInt(4), at);
                    }
                }
                // and a stray report later that day
                signal("s" + n++, COUNTRIES.get(random.nextInt(COUNTRIES.size())), incident, 1 + random.nextInt(5),
                        at.plusSeconds(3600 + random.nextInt(3 * 3600)));
            }
        }
        signals.sort(java.util.Comparator.comparingLong(Recorded::timestamp));
        EscalationRules rules = RulesParser.parse(RULES);
        List<Escalation> first = EscalationRun.run(rules, signals, List.of());
        // the response service resolved the first case of incident 0's group on day 3
        Escalation opened = first.stream().filter(e -> e.getCorrelationKey().equals("campaign:incident-0"))
                .filter(e -> e.getTier().compareTo(Tier.SEVERE) >= 0).findFirst().orElseThrow();
        Instant resolvedAt = opened.getEscalatedAt().plus(Duration.ofDays(2));
        cases.add(new Recorded<>(TopicNames.CASES, 0, 0, resolvedAt.toEpochMilli(), "case-0", EmergencyCase.newBuilder()
                .setCaseId("case-0").setCorrelationKey(opened.getCorrelationKey()).setTier(opened.getTier())
                .setState(CaseState.RESOLVED).setOpenedAt(opened.getEscalatedAt()).setUpdatedAt(resolvedAt).build()));
        // what happened: the escalation topology over the whole history, the resolution included
        live = EscalationRun.run(rules, signals, cases);
        assertTrue(live.stream().anyMatch(e -> e.getCorrelationKey().startsWith("campaign:incident-0@")),
                "after the resolution, incident 0 escalated again as a new group");

        ScenarioProducer.createTopics(cluster, List.of(new NewTopic(TopicNames.COORDINATION_SIGNALS, 1, (short) 1),
                new NewTopic(TopicNames.ESCALATIONS, 1, (short) 1), new NewTopic(TopicNames.CASES, 1, (short) 1)));
        ScenarioProducer producer = new ScenarioProducer(cluster, registry, "");
        try (KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(cluster.producerProps())) {
            producer.send(kafka, TopicNames.COORDINATION_SIGNALS, 0, signals.stream().map(Recorded::value).toList(),
                    CoordinationSignal::getSignalId, CoordinationSignal::getSubmittedAt);
            producer.send(kafka, TopicNames.CASES, 0, cases.stream().map(Recorded::value).toList(),
                    EmergencyCase::getCaseId, EmergencyCase::getUpdatedAt);
            producer.send(kafka, TopicNames.ESCALATIONS, 0, live, Escalation::getCorrelationKey, Escalation::getEscalatedAt);
        }
        cli = new CliRunner(cluster.bootstrapServers(), registry, workingDir);
    }

    @Test
    void shouldReportNoDifferenceForTheLiveRulesOverAnyRange(@TempDir Path out) throws IOException {
        Instant end = signals.get(signals.size() - 1).value().getSubmittedAt();
        List<Instant[]> ranges = List.of(
                new Instant[] {START.plus(Duration.ofDays(2)), START.plus(Duration.ofDays(3))},
                new Instant[] {START.plus(Duration.ofDays(4)).plusSeconds(1234), START.plus(Duration.ofDays(6))},
                new Instant[] {START.plus(Duration.ofDays(7)), end.plusSeconds(1)},
                new Instant[] {START, end.plusSeconds(1)});
        int compared = 0;
        for (Instant[] range : ranges) {
            Path dir = out.resolve("r" + compared);
            CliRunner.Result result = cli.run("what-if", "--from", range[0].toString(), "--to", range[1].toString(),
                    "--rules", RULES.toString(), "--out", dir.toString());
            assertEquals(0, result.exitCode(), result.toString());
            JsonNode report = JsonReport.mapper().readTree(dir.resolve("whatif.json").toFile());
            long inRange = live.stream().filter(Escalations::isTierChange)
                    .filter(e -> !e.getEscalatedAt().isBefore(range[0]) && e.getEscalatedAt().isBefore(range[1])).count();
            assertEquals(0, report.get("gained").size() + report.get("lost").size() + report.get("earlier").size()
                    + report.get("later").size(), range[0] + ".." + range[1] + ": " + report);
            assertEquals(inRange, report.get("unchanged").asLong(), report.toString());
            compared += inRange;
        }
        assertTrue(compared > 10, "the ranges hold escalations to compare, got " + compared);
        // and groups escalated before a range keep being reported in it: a warm-up of one window would re-announce them
        Instant from = ranges.get(1)[0];
        assertTrue(live.stream().filter(Escalations::isTierChange).anyMatch(e -> e.getEscalatedAt().isBefore(from.minus(Duration.ofDays(1)))
                && signals.stream().anyMatch(s -> s.timestamp() >= from.toEpochMilli()
                && ("campaign:" + s.value().getCampaignId()).equals(e.getCorrelationKey()))), "a long-lived escalated group");
    }

    private void signal(String id, String origin, int incident, int severity, Instant at) {
        CoordinationSignal signal = Signals.coordination(origin).setSignalId(id).setCampaignId("incident-" + incident)
                .setCategory(incident == 3 ? Category.DEEPFAKE_FRAUD : Category.CRITICAL_INFRASTRUCTURE_ATTACK)
                .setSectors(List.of(incident % 2 == 0 ? Sector.ENERGY : Sector.FINANCE)).setSeverity(severity)
                .setIndicators(List.of(new Indicator(IndicatorType.DOMAIN, "incident-" + incident + ".example")))
                .setAffectedSystems(List.of()).setSubmittedAt(at).setObservedAt(at).build();
        signals.add(new Recorded<>(TopicNames.COORDINATION_SIGNALS, 0, signals.size(), at.toEpochMilli(), id, signal));
    }
}
