package io.aegis.response.messaging;

import static io.aegis.response.domain.Fixtures.escalation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.ChainVerification;
import io.aegis.kafka.crypto.HashChain;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.response.domain.CaseIds;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.response.domain.Fixtures;
import io.aegis.response.domain.ResponseSettings;
import io.aegis.response.topology.ResponseTopology;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.Notification;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stops the response workflow mid-case and starts a new instance with an empty state directory:
 * the new instance restores the case from its changelog, fires the acknowledgement deadline that
 * fell after the restart, and neither loses nor repeats a notification.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@WithKafka(brokers = 1, brokerProperties = "group.initial.rebalance.delay.ms=0")
class ResponseRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String CASE_ID = CaseIds.caseId(Fixtures.GROUP, 1);

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final SerdeFactory serdes = new SerdeFactory(registry);
    private final CaseWorkflow workflow = new CaseWorkflow(
            new ResponseSettings(Tier.SEVERE, Map.of(Tier.SEVERE, DEADLINE, Tier.CRITICAL, DEADLINE), ResponseSettings.TWO_THIRDS,
                    Map.of(), List.of()),
            Fixtures.rosters(), Fixtures.MEMBERS);

    private KafkaStreams start(KafkaCluster kafka) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        ResponseTopology.build(builder, new ResponseTopology.Wiring(new Topics(serdes), serdes, workflow,
                Duration.ofMillis(200), 2));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "response-restart-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("response-restart").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        streams.start();
        return streams;
    }

    @Test
    void shouldNeitherLoseNorRepeatNotificationsAndStillFireDeadlinesAfterRestart(KafkaCluster kafka) throws Exception {
        WorkflowTopics.createTopics(kafka);
        try (WorkflowTopics io = new WorkflowTopics(kafka, serdes, "response-restart-it-reader")) {
            // given a case opened by the first instance and acknowledged by France only
            KafkaStreams first = start(kafka);
            io.awaitUntil(WAIT, () -> first.state() == KafkaStreams.State.RUNNING);
            io.escalate(escalation(Tier.SEVERE, null, "FR", "DE", "JP"));
            io.awaitUntil(WAIT, () -> io.count("CASE_OPENED") == 3);
            io.command("FR", Fixtures.ack(CASE_ID, "FR"));
            io.awaitUntil(WAIT, () -> io.cases.containsKey(CASE_ID) && io.cases.get(CASE_ID).getAcknowledgements().size() == 1);

            // when that instance shuts down before the deadline (leaving the group, as a rolling restart
            // does) and a new one, with no local state, takes over
            first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            KafkaStreams second = start(kafka);
            try {
                io.awaitUntil(WAIT, () -> second.state() == KafkaStreams.State.RUNNING);
                Instant restarted = Instant.now();

                // then the deadline still fires: the silent countries' backups are asked, once each
                io.awaitUntil(WAIT, () -> io.count("REESCALATED") == 2);
                for (String country : List.of("DE", "JP")) {
                    CaseCommand ack = Fixtures.ack(CASE_ID, country);
                    ack.setOfficerId(country.toLowerCase() + "-duty-backup");
                    io.command(country, ack);
                }
                io.awaitUntil(WAIT, () -> io.cases.get(CASE_ID).getState() == CaseState.ACKNOWLEDGED);

                CaseEvent overdue = io.events.stream().filter(e -> e.getType() == CaseEventType.ACK_OVERDUE).findFirst()
                        .orElseThrow();
                assertTrue(!overdue.getAt().isBefore(restarted.minusSeconds(1)),
                        "the deadline must have fired in the second instance, not the first");
                assertNotificationsExactlyOnce(io.notifications);
                ChainVerification chain = HashChain.verify(io.events);
                assertTrue(chain.valid(), chain.reason());
                for (int i = 0; i < io.events.size(); i++) {
                    assertEquals(i + 1, io.events.get(i).getSequence(), "no event lost or repeated across the restart");
                }
            } finally {
                second.close(Duration.ofSeconds(30));
            }
        }
    }

    private static void assertNotificationsExactlyOnce(List<Notification> notifications) {
        Map<String, Long> perId = notifications.stream()
                .collect(Collectors.groupingBy(Notification::getNotificationId, Collectors.counting()));
        assertTrue(perId.values().stream().allMatch(count -> count == 1), "repeated notifications: " + perId);
        List<String> sent = notifications.stream().map(n -> n.getOfficerId() + ":" + n.getKind()).sorted().toList();
        assertEquals(List.of("de-duty-backup:REESCALATED", "de-duty-primary:CASE_OPENED", "fr-duty-primary:CASE_OPENED",
                "jp-duty-backup:REESCALATED", "jp-duty-primary:CASE_OPENED"), sent);
    }
}
