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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
    void shouldShowReceiptsToTheOriginsUserAndTheCoordinationCentreOnly() throws Exception {
        String signal = rig.publish("FR", RouterRig.green());
        String base = rig.startHttp();
        String path = "/api/v1/receipts/" + signal;

        // FR's user sees the ledger of FR's signal once the router has recorded every recipient's receipt due
        // (the ledger grows decision by decision, so its first version may name only some recipients)
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> answer = get(base, path, rig.basic("fr-soc"));
            return answer.statusCode() == 200 && answer.body().contains("\"KE\":\"DELIVERED\"");
        });
        HttpResponse<String> fr = get(base, path, rig.basic("fr-soc"));
        assertThat(fr.body()).contains("\"signalId\":\"" + signal + "\"").contains("\"outstanding\"").contains("\"KE\":\"DELIVERED\"");

        // the coordination centre's operator sees every origin's ledgers
        HttpResponse<String> coordination = get(base, path, rig.basic("cc-ops"));
        assertThat(coordination.statusCode()).isEqualTo(200);
        assertThat(coordination.body()).isEqualTo(fr.body());

        // why: DE may not learn whether FR sent a signal: its answer is exactly that for an unknown id
        HttpResponse<String> de = get(base, path, rig.basic("de-soc"));
        HttpResponse<String> unknown = get(base, "/api/v1/receipts/no-such-signal", rig.basic("de-soc"));
        assertThat(de.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(de.body()).isEqualTo(unknown.body()).contains("\"error\"").doesNotContain(signal);
    }

    @Test
    void shouldRefuseTheReceiptsApiWithoutValidCredentials() throws Exception {
        String signal = rig.publish("FR", RouterRig.green());
        String base = rig.startHttp();
        String path = "/api/v1/receipts/" + signal;
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> get(base, path, rig.basic("fr-soc")).statusCode() == 200);

        HttpResponse<String> anonymous = get(base, path, null);
        HttpResponse<String> wrongPassword = get(base, path, RouterRig.basic("fr-soc", rig.apiPasswords.get("de-soc")));
        HttpResponse<String> unknownUser = get(base, path, RouterRig.basic("mallory", rig.apiPasswords.get("fr-soc")));

        for (HttpResponse<String> refused : List.of(anonymous, wrongPassword, unknownUser)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
            assertThat(refused.body()).contains("\"error\"").doesNotContain("DELIVERED");
        }
    }

    @Test
    void shouldShowAnonymousCallersOnlyTheHealthStatus() throws Exception {
        String base = rig.startHttp();

        HttpResponse<String> anonymous = get(base, "/health", null);
        HttpResponse<String> operator = get(base, "/health", rig.basic("cc-ops"));

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo("{\"status\":\"UP\"}");
        // the same endpoint shows its indicators to an API user, so the anonymous view is a real restriction
        assertThat(operator.body()).contains("\"details\"");
    }

    private static HttpResponse<String> get(String base, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
