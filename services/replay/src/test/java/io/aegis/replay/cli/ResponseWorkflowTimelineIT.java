package io.aegis.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.support.CliRunner;
import io.aegis.replay.support.Scenario;
import io.aegis.replay.support.ScenarioProducer;
import io.aegis.response.domain.CaseOutcome;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.response.domain.DutyOfficer;
import io.aegis.response.domain.ResponseSettings;
import io.aegis.response.domain.Roster;
import io.aegis.response.domain.Rosters;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The case side of the scenario recorded by the response service's own workflow (the state
 * machine its stream processor runs): it opens the case from the escalation, notifies the
 * rostered officers, takes FR's acknowledgement. The replayed timeline and the evidence check
 * must agree with what the workflow wrote.
 */
@Tag("integration")
@Timeout(120)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseWorkflowTimelineIT {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Scenario scenario = new Scenario();
    private final List<EmergencyCase> cases = new ArrayList<>();
    private final List<CaseEvent> events = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();
    private CaseCommand ack;
    private CliRunner cli;

    @BeforeAll
    void recordWithResponseWorkflow(KafkaCluster cluster, @TempDir Path workingDir) throws IOException {
        // given: the workflow with the default deadlines (SEVERE: acknowledge within 60 min)
        CaseWorkflow workflow = new CaseWorkflow(ResponseSettings.defaults(), new Rosters(List.of(
                roster("FR", "fr-duty-primary", "fr-duty-backup"), roster("DE", "de-duty-primary", "de-duty-backup"))),
                List.of("DE", "FR", "JP"));
        Instant escalated = scenario.escalation.getEscalatedAt();
        record(workflow.onEscalation(Optional.empty(), scenario.escalation, escalated));
        ack = CaseCommand.newBuilder().setCommandId("cmd-1").setCaseId(cases.get(0).getCaseId()).setCountry("FR")
                .setOfficerId("fr-duty-primary").setType(CommandType.ACKNOWLEDGE)
                .setIssuedAt(escalated.plusSeconds(420)).build();
        record(workflow.onCommand(Optional.of(cases.get(cases.size() - 1)), ack, "FR", ack.getIssuedAt()));

        new ScenarioProducer(cluster, registry, "").produce(withoutCaseSide(scenario));
        ScenarioProducer producer = new ScenarioProducer(cluster, registry, "");
        try (KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(cluster.producerProps())) {
            producer.send(kafka, TopicNames.CASES, 0, cases, EmergencyCase::getCaseId, EmergencyCase::getUpdatedAt);
            producer.send(kafka, TopicNames.CASE_EVENTS, 0, events, CaseEvent::getCaseId, CaseEvent::getAt);
            for (Notification notification : notifications) {
                producer.send(kafka, TopicNames.notify(notification.getCountry()), 0, List.of(notification),
                        Notification::getOfficerId, Notification::getCreatedAt);
            }
            producer.send(kafka, TopicNames.commands("FR"), 0, List.of(ack), CaseCommand::getCaseId, CaseCommand::getIssuedAt);
        }
        Path members = Files.writeString(workingDir.resolve("members.yaml"), scenario.membersYaml());
        cli = new CliRunner(cluster.bootstrapServers(), registry, workingDir).with("--members-file", members.toString());
    }

    @Test
    void shouldReplayWorkflowCaseWithItsNotificationsAndAcknowledgement(@TempDir Path out) throws IOException {
        // when
        String caseId = cases.get(0).getCaseId();
        CliRunner.Result result = cli.run("timeline", "--case", caseId, "--out", out.toString(), "--name", "case");

        // then: every event and notification the workflow produced is on the timeline
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode report = JsonReport.mapper().readTree(out.resolve("case.json").toFile());
        assertEquals(events.size(), report.get("counts").get("CASE").asInt());
        assertEquals(notifications.size(), report.get("counts").get("NOTIFICATION").asInt());
        assertEquals(1, report.get("counts").get("COMMAND").asInt());
        assertEquals(2, report.get("counts").get("SIGNAL").asInt());
        JsonNode frAck = null;
        for (JsonNode ackTime : report.get("ackTimes")) {
            if (ackTime.get("officerId").asText().equals("fr-duty-primary")) {
                frAck = ackTime;
            }
        }
        assertEquals(1, frAck.get("acknowledged").asInt(), report.get("ackTimes").toString());
        assertEquals(Tier.SEVERE.name(), frAck.get("tier").asText());
        assertTrue(frAck.get("meanSeconds").asLong() <= 420, frAck.toString());
    }

    @Test
    void shouldFindWorkflowHashChainIntact() {
        CliRunner.Result result = cli.run("verify", "--from", "2026-11-20T09:00:00Z", "--to", "2026-11-20T12:00:00Z",
                "--require-complete");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("checked case-chain: " + events.size()), result.out());
    }

    private void record(CaseOutcome outcome) {
        outcome.kase().ifPresent(cases::add);
        events.addAll(outcome.events());
        notifications.addAll(outcome.notifications());
    }

    private static Roster roster(String country, String primary, String backup) {
        List<DutyOfficer> levels = List.of(new DutyOfficer(primary, primary, ZoneOffset.UTC),
                new DutyOfficer(backup, backup, ZoneOffset.UTC));
        return new Roster(country, Map.of(Tier.ELEVATED, levels, Tier.SEVERE, levels, Tier.CRITICAL, levels));
    }

    /** The scenario's signals, routing and escalation; the case side comes from the workflow instead. */
    private static Scenario withoutCaseSide(Scenario scenario) {
        scenario.caseEvents.clear();
        scenario.notifyFr.clear();
        scenario.notifyDe.clear();
        scenario.commandsFr.clear();
        scenario.commandsDe.clear();
        return scenario;
    }
}
