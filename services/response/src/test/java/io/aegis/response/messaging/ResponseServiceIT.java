package io.aegis.response.messaging;

import static io.aegis.response.domain.Fixtures.escalation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.ChainVerification;
import io.aegis.kafka.crypto.HashChain;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.response.domain.CaseIds;
import io.aegis.response.domain.Fixtures;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.CaseEventType;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.VoteChoice;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service as deployed — Micronaut wiring, configuration files from {@code infra/}, Kafka
 * Streams with exactly-once — on a real broker: escalation in, case, notifications to the involved
 * countries, acknowledgements, a quorum vote, resolution, and a hash chain that verifies as read.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@WithKafka(brokers = 1, brokerProperties = "group.initial.rebalance.delay.ms=0")
class ResponseServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CASE_ID = CaseIds.caseId(Fixtures.GROUP, 1);

    @Test
    void shouldRunACaseFromEscalationToResolution(KafkaCluster kafka) throws Exception {
        WorkflowTopics.createTopics(kafka);
        SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Path stateDir = Files.createTempDirectory("response-it");
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "kafka.bootstrap.servers", kafka.bootstrapServers(),
                        "kafka.streams.default.application.id", "response-service-it",
                        "kafka.streams.default.state.dir", stateDir.toString(),
                        "kafka.streams.default.replication.factor", "1",
                        "aegis.infra.dir", "../../infra",
                        "aegis.response.partitions", "2",
                        "micronaut.server.port", "-1"))
                .singletons(registry)
                .start();
             WorkflowTopics io = new WorkflowTopics(kafka, new SerdeFactory(registry), "response-service-it-reader")) {
            KafkaStreams streams = context.getBean(KafkaStreams.class);
            io.awaitUntil(WAIT, () -> streams.state() == KafkaStreams.State.RUNNING);
            assertHealthUp(context);

            // given a SEVERE escalation reported by FR, DE and JP
            io.escalate(escalation(Tier.SEVERE, Tier.ELEVATED, "FR", "DE", "JP"));

            // then each involved country's primary is asked to acknowledge, and no one else
            io.awaitUntil(WAIT, () -> io.count("CASE_OPENED") == 3);
            assertEquals(List.of("de-duty-primary", "fr-duty-primary", "jp-duty-primary"),
                    io.notifications.stream().map(Notification::getOfficerId).sorted().toList());

            // when Kenya, outside the case, tries to vote and the three officers acknowledge
            io.command("KE", Fixtures.ack(CASE_ID, "KE"));
            for (String country : List.of("FR", "DE", "JP")) {
                io.command(country, Fixtures.ack(CASE_ID, country));
            }
            io.awaitUntil(WAIT, () -> io.cases.containsKey(CASE_ID) && io.cases.get(CASE_ID).getState() == CaseState.ACKNOWLEDGED);

            // and FR proposes halting the deployment, DE agrees, JP proposes resolution and FR agrees
            io.command("FR", Fixtures.propose(CASE_ID, "FR", ActionType.HALT_DEPLOYMENT));
            io.command("DE", Fixtures.vote(CASE_ID, "DE", CASE_ID + ":action-1", VoteChoice.YES));
            CaseCommand resolve = Fixtures.command(CASE_ID, "JP", CommandType.RESOLVE);
            resolve.setText("deployment halted by the provider");
            io.command("JP", resolve);
            io.command("FR", Fixtures.vote(CASE_ID, "FR", CASE_ID + ":action-2", VoteChoice.YES));

            // then the case is resolved by quorum, everyone involved is told, and the chain verifies as read
            io.awaitUntil(WAIT, () -> io.cases.get(CASE_ID).getState() == CaseState.RESOLVED && io.count("CASE_RESOLVED") == 3);
            List<CaseEventType> types = io.events.stream().map(CaseEvent::getType).toList();
            assertTrue(types.contains(CaseEventType.COMMAND_REJECTED), types.toString());
            assertEquals(2, types.stream().filter(t -> t == CaseEventType.ACTION_PASSED).count(), types.toString());
            assertEquals(1, io.notifications.stream().filter(n -> n.getCountry().equals("KE")).count(),
                    "Kenya's officer is told why the command was refused, and nothing else");
            ChainVerification chain = HashChain.verify(io.events);
            assertTrue(chain.valid(), chain.reason());
            assertEquals(io.events.get(io.events.size() - 1).getHash(), io.cases.get(CASE_ID).getLastEventHash());
        }
    }

    /** The operations endpoint answers UP once the stream runs, and nothing beyond the status (nobody authenticates here). */
    private static void assertHealthUp(ApplicationContext context) throws Exception {
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.getURI().resolve("/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("{\"status\":\"UP\"}", health.body());
    }
}
