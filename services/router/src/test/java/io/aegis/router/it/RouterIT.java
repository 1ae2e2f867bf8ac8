package io.aegis.router.it;

import io.aegis.policy.PolicyDocument;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.router.admin.LeakCheck;
import io.aegis.router.admin.LeakCheckCommand;
import io.aegis.router.domain.Fixtures;
import io.aegis.router.messaging.PolicyTopic;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@WithKafka(brokers = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class RouterIT {

    private RouterRig rig;

    @BeforeAll
    void start(KafkaCluster kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            rig = new RouterRig(kafka.bootstrapServers(), 3, 1, admin);
        }
        rig.startRouter();
    }

    @AfterAll
    void stop() {
        rig.close();
    }

    @Test
    void shouldApplyPolicyChangedWhileRunningToTheNextSignal() throws Exception {
        // The loader published FR.yaml v1 at start-up: AMBER reaches DE only.
        String amber = rig.publish("FR", Fixtures.content(Tlp.AMBER));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> rig.inboxIds("DE").contains(amber));
        assertThat(rig.inboxIds("JP")).doesNotContain(amber);

        PolicyTopic policies = new PolicyTopic(rig.topics.policies(), rig.clientProps(), Duration.ofSeconds(30));
        SharingPolicy v1 = policies.latest().get("FR");
        SharingPolicy v2 = SharingPolicy.newBuilder(PolicyDocument.parse("""
                country: FR
                rules:
                  - {id: all-green, effect: ALLOW, to: ["*"]}
                  - {id: amber-everyone, effect: ALLOW, to: ["*"], tlp: [AMBER]}
                """, Instant.now(), "it")).setVersion(v1.getVersion() + 1).build();
        policies.publish(v2);
        // The global table catches up asynchronously; poll by publishing until JP sees one.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String next = rig.publish("FR", Fixtures.content(Tlp.AMBER));
            return rig.inboxIds("JP").contains(next);
        });
        assertThat(v2.getVersion()).isGreaterThan(v1.getVersion());
    }

    @Test
    void shouldDeliverEverySignalExactlyOnceAcrossARouterRestart() throws Exception {
        Set<String> before = new HashSet<>(rig.inboxIds("KE"));
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            published.add(rig.publish("FR", RouterRig.green()));
            if (i == 60) {
                rig.stopRouter();
            }
            if (i == 100) {
                rig.startRouter();
            }
        }

        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> rig.inboxIds("KE").size() - before.size() >= 150);
        List<String> ke = rig.inboxIds("KE");
        ke.removeAll(before);
        assertThat(ke).hasSize(150).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
        // The audit trails the inboxes by one internal hop (the chain's repartition), so wait for it.
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            LeakCheck.Report report = LeakCheckCommand.run(rig.clientProps(), rig.topics, io.aegis.policy.MembersYaml.load(rig.infra.resolve("members.yaml")));
            assertThat(report.findings()).isEmpty();
            assertThat(report.copiesChecked()).isGreaterThanOrEqualTo(600);
        });
    }

    @Test
    void shouldShowOutstandingReceiptsOverHttp() throws Exception {
        String signal = rig.publish("FR", RouterRig.green());
        String base = rig.startHttp();
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/receipts/" + signal)).build();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        String body = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();

        assertThat(body).contains("\"outstanding\"").contains("\"KE\":\"DELIVERED\"");
        var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRouteForgedOriginToTheDlqOnARealBroker(KafkaCluster kafka) throws Exception {
        var consumerProps = kafka.consumerProps("dlq-reader");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(consumerProps)) {
            consumer.subscribe(List.of(TopicNames.DLQ));
            var signal = io.aegis.kafka.crypto.SignalSigner.signNew("forged-1", "FR", "agency", Instant.now(), RouterRig.green(), "k1",
                    rig.keys.get("FR").getPrivate());
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, io.aegis.schema.signal.OutboxEvent>(
                    Map.of("bootstrap.servers", kafka.bootstrapServers()), new org.apache.kafka.common.serialization.StringSerializer(),
                    rig.topics.outbox("DE").valueSerializer())) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(TopicNames.outbox("DE"), "forged-1",
                        new io.aegis.schema.signal.OutboxEvent(signal))).get();
            }
            List<String> reasons = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> reasons.add(new String(r.headers().lastHeader("aegis.dlq.reason").value())));
                return !reasons.isEmpty();
            });
            assertThat(reasons.get(0)).startsWith("forged origin");
        }
    }
}
