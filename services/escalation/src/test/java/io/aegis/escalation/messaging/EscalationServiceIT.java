package io.aegis.escalation.messaging;

import static io.aegis.testsupport.fixtures.CoordinationSignals.T0;
import static io.aegis.testsupport.fixtures.CoordinationSignals.campaign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aegis.kafka.dlq.DlqHeaders;
import io.aegis.kafka.dlq.DlqRecords;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.kafka.topic.Topics;
import io.aegis.schema.common.Sector;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The escalation service as deployed (Micronaut context, Kafka Streams, exactly_once_v2, RocksDB
 * state) against a real in-process broker: coordination signals in, escalations out.
 */
@Tag("integration")
@Timeout(180)
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationServiceIT {

    private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Topics topics = new Topics(new SerdeFactory(registry));
    private KafkaCluster kafka;
    private Path stateDir;
    private ApplicationContext service;
    private KafkaProducer<String, CoordinationSignal> producer;

    @BeforeAll
    void start(KafkaCluster kafka) throws Exception {
        this.kafka = kafka;
        kafka.createTopic(TopicNames.COORDINATION_SIGNALS, 3, 1);
        kafka.createTopic(TopicNames.ESCALATIONS, 3, 1);
        kafka.createTopic(TopicNames.CASES, 3, 1);
        kafka.createTopic(TopicNames.DLQ, 1, 1);
        stateDir = Files.createTempDirectory("escalation-it");
        producer = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
                topics.coordinationSignals().valueSerializer());
        service = startService();
    }

    @AfterAll
    void stop() {
        producer.close();
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldEscalateACampaignReportedByThreeCountriesThroughTheRunningService() throws Exception {
        // given/when: three countries report one campaign within twenty minutes, on different partitions
        send(inSector(campaign("it-1a", "FR", "it-camp-1", 4), Sector.MEDIA), T0);
        send(inSector(campaign("it-1b", "DE", "it-camp-1", 4), Sector.MEDIA), T0.plus(Duration.ofMinutes(10)));
        send(inSector(campaign("it-1c", "JP", "it-camp-1", 4), Sector.MEDIA), T0.plus(Duration.ofMinutes(20)));

        // then: exactly one escalation per tier, the last naming all three countries
        List<Escalation> out = awaitEscalations("campaign:it-camp-1", 3);
        assertThat(out).extracting(e -> e.getTier().name()).containsExactly("ADVISORY", "ELEVATED", "SEVERE");
        assertThat(out.get(2).getCountries()).containsExactly("DE", "FR", "JP");
        assertThat(out.get(2).getRules()).containsExactly("multi-country-serious");
        // the indicator watches the stream, but anonymous callers (every caller: no authentication here) see only UP/DOWN
        assertThat(health()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(service.getBean(EscalationHealthIndicator.class).getHealthInformation()).containsEntry("streams", "RUNNING");
    }

    @Test
    void shouldSendAnInvalidSignalToTheDlqWithItsReason() {
        // when: a coordination signal with an impossible severity
        send(campaign("it-bad", "FR", "it-camp-bad", 0).build(), T0);

        // then: its original bytes are on the DLQ, with a reason naming the field
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(dlqReasons())
                .anySatisfy(reason -> assertThat(reason).contains("it-bad", "severity: must be from 1 to 5, was 0")));
    }

    @Test
    void shouldNeitherRepeatNorLoseATierAcrossARestart() throws Exception {
        // given: a campaign at ELEVATED
        send(inSector(campaign("it-2a", "FR", "it-camp-2", 4), Sector.EDUCATION), T0);
        send(inSector(campaign("it-2b", "DE", "it-camp-2", 4), Sector.EDUCATION), T0.plus(Duration.ofMinutes(1)));
        assertThat(awaitEscalations("campaign:it-camp-2", 2)).extracting(e -> e.getTier().name())
                .containsExactly("ADVISORY", "ELEVATED");

        // when: the service restarts on its state and a third country reports
        service.close();
        service = startService();
        send(inSector(campaign("it-2c", "JP", "it-camp-2", 4), Sector.EDUCATION), T0.plus(Duration.ofMinutes(2)));

        // then: only the rise to SEVERE follows; nothing earlier is announced again
        List<Escalation> out = awaitEscalations("campaign:it-camp-2", 3);
        assertThat(out).extracting(e -> e.getTier().name()).containsExactly("ADVISORY", "ELEVATED", "SEVERE");
        assertThat(out.get(2).getPreviousTier().name()).isEqualTo("ELEVATED");
    }

    /**
     * Each test uses its own sector: signals of one category and sector share a correlation key,
     * so otherwise the tests' campaigns would join one group on the shared broker.
     */
    private static CoordinationSignal inSector(CoordinationSignal.Builder signal, Sector sector) {
        return signal.setSectors(List.of(sector)).build();
    }

    private ApplicationContext startService() {
        ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "kafka.bootstrap.servers", kafka.bootstrapServers(),
                        "micronaut.server.port", -1,
                        "aegis.infra.dir", "../../infra",
                        "aegis.escalation.state-dir", stateDir.toString(),
                        "aegis.escalation.application-id", "aegis-escalation-it"))
                .singletons(registry)
                .start();
        context.getBean(EmbeddedServer.class).start();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                context.getBean(EscalationStreams.class).state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        return context;
    }

    private void send(CoordinationSignal signal, Instant at) {
        try {
            producer.send(new ProducerRecord<>(TopicNames.COORDINATION_SIGNALS, null, at.toEpochMilli(),
                    signal.getSignalId(), signal)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce " + signal.getSignalId(), e);
        }
    }

    private List<Escalation> awaitEscalations(String key, int count) {
        List<Escalation> seen = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, Escalation> consumer = new KafkaConsumer<>(kafka.consumerProps("it-" + System.nanoTime()),
                new StringDeserializer(), topics.escalations().valueDeserializer())) {
            consumer.subscribe(List.of(TopicNames.ESCALATIONS));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, Escalation> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        seen.add(r.value());
                    }
                }
                return seen.size() >= count;
            });
            // nothing more arrives for the key (no repeats)
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> {
                if (key.equals(r.key())) {
                    seen.add(r.value());
                }
            });
        }
        seen.sort(java.util.Comparator.comparing(Escalation::getTier));
        assertThat(seen).hasSize(count);
        return seen;
    }

    private List<String> dlqReasons() {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("dlq-" + System.nanoTime()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TopicNames.DLQ));
            for (int i = 0; i < 10 && reasons.isEmpty(); i++) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> reasons.add(DlqRecords.header(r.headers(), DlqHeaders.REASON)));
            }
        }
        return reasons;
    }

    private String health() throws Exception {
        int port = service.getBean(EmbeddedServer.class).getPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
