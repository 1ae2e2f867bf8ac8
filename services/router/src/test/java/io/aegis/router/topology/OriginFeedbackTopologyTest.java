package io.aegis.router.topology;

import io.aegis.policy.PolicyDocument;
import static io.aegis.router.domain.Fixtures.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.dlq.DlqHeaders;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.router.domain.Fixtures;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.DeliveryReport;
import io.aegis.schema.routing.PolicyStatus;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.ReceiptKind;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the router tells an origin on its own inbox — the only topic a node may read — and what it
 * takes from an origin's outbox — the only topic a node may write: delivery reports on its
 * signals, receipts its recipients wrote, and the answers to policies it submitted.
 */
class OriginFeedbackTopologyTest {

    private RouterHarness router;

    @BeforeEach
    void start() throws Exception {
        router = new RouterHarness();
        router.publishPolicy(Fixtures.ARCHITECTURE_POLICY, 1);
    }

    @AfterEach
    void stop() {
        router.close();
    }

    @Test
    void shouldReportEveryDecisionOnASignalToItsOriginOnlyInOneReport() {
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));

        List<RoutingDecision> audit = router.audit();
        List<InboxEvent> fr = router.feedback("FR");
        assertEquals(1, fr.size(), fr.toString());
        DeliveryReport report = (DeliveryReport) fr.get(0).getPayload();
        assertEquals(signal.getId(), report.getSignalId());
        assertEquals(audit.stream().map(RoutingDecision::getDecisionId).collect(Collectors.toSet()),
                report.getDecisions().stream().map(RoutingDecision::getDecisionId).collect(Collectors.toSet()));
        for (String other : List.of("DE", "JP", "BR", "KE")) {
            assertTrue(router.feedback(other).isEmpty(), other + " learns nothing of FR's decisions");
        }
    }

    @Test
    void shouldReportAnEmbargoReleaseToTheOriginWhenItHappens() {
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));
        router.feedback("FR");

        router.advance(Duration.ofMinutes(61));

        List<InboxEvent> fr = router.feedback("FR");
        assertEquals(1, fr.size());
        DeliveryReport report = (DeliveryReport) fr.get(0).getPayload();
        assertEquals(signal.getId(), report.getSignalId());
        assertEquals("BR", report.getDecisions().get(0).getDestination());
        assertEquals("RELEASE", report.getDecisions().get(0).getOutcome().name());
    }

    @Test
    void shouldRepublishAReceiptFromTheRecipientsOutboxAndForwardItToTheOrigin() {
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));
        router.feedback("FR");

        router.send(TopicNames.outbox("DE"), signal.getId(), new OutboxEvent(receipt(signal.getId(), "DE")));

        List<Receipt> published = receipts();
        assertEquals(1, published.size());
        assertEquals("DE", published.get(0).getCountry());
        List<InboxEvent> fr = router.feedback("FR");
        assertEquals(List.of(receipt(signal.getId(), "DE")), fr.stream().map(InboxEvent::getPayload).toList());
        assertTrue(router.dlq().isEmpty());
    }

    @Test
    void shouldDeadLetterAReceiptThatClaimsAnotherCountry() {
        // why: aegis.receipts is one topic; only the outbox proves which country wrote a receipt
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));
        router.feedback("FR");

        router.send(TopicNames.outbox("JP"), signal.getId(), new OutboxEvent(receipt(signal.getId(), "DE")));

        assertTrue(receipts().isEmpty());
        assertTrue(router.feedback("FR").isEmpty());
        assertEquals(List.of("forged receipt: aegis.outbox.JP may only carry receipts of JP, the receipt names DE"), dlqReasons());
    }

    @Test
    void shouldVersionPublishAndApplyAPolicySubmittedOnTheOriginsOutbox() {
        // given FR submits a policy that shares GREEN with JP only
        SharingPolicy submitted = policy("""
                country: FR
                rules:
                  - id: green-to-jp
                    effect: ALLOW
                    to: [JP]
                    tlp: [GREEN]
                """);
        router.send(TopicNames.outbox("FR"), TopicNames.POLICY_KEY, new OutboxEvent(submitted));

        // then version 2 is published and FR is told so
        List<SharingPolicy> published = policies();
        assertEquals(1, published.size());
        assertEquals(2, published.get(0).getVersion());
        assertEquals("ada", published.get(0).getUpdatedBy());
        PolicyStatus answer = (PolicyStatus) router.feedback("FR").get(0).getPayload();
        assertTrue(answer.getAccepted());
        assertEquals(2, answer.getVersion());
        assertEquals(published.get(0), answer.getPolicy());

        // and the next signal is routed under it (the global table reads the published policy)
        router.pipePolicy(published.get(0));
        router.publish("FR", content(Tlp.GREEN));
        assertEquals(1, router.inbox("JP").readValuesToList().size());
        assertTrue(router.inbox("DE").isEmpty(), "version 2 no longer shares with DE");
    }

    @Test
    void shouldRefuseAnInvalidPolicyNamingTheViolationAndKeepThePolicyInForce() {
        SharingPolicy submitted = policy("""
                country: FR
                rules:
                  - id: to-asean
                    effect: ALLOW
                    to: ["group:asean"]
                    tlp: [GREEN]
                """);

        router.send(TopicNames.outbox("FR"), TopicNames.POLICY_KEY, new OutboxEvent(submitted));

        assertTrue(policies().isEmpty());
        PolicyStatus answer = (PolicyStatus) router.feedback("FR").get(0).getPayload();
        assertFalse(answer.getAccepted());
        assertEquals(1, answer.getVersion(), "version 1 stays in force");
        assertTrue(answer.getViolations().stream().anyMatch(v -> v.startsWith("rules[0].to") && v.contains("asean")),
                answer.getViolations().toString());
        assertTrue(router.dlq().isEmpty(), "a refused policy is answered, not dead-lettered");
    }

    @Test
    void shouldDeadLetterAPolicyForAnotherCountry() {
        SharingPolicy forged = policy("""
                country: FR
                rules:
                  - id: everything-to-de
                    effect: ALLOW
                    to: ["*"]
                """);

        router.send(TopicNames.outbox("DE"), TopicNames.POLICY_KEY, new OutboxEvent(forged));

        assertTrue(policies().isEmpty());
        assertTrue(router.feedback("FR").isEmpty() && router.feedback("DE").isEmpty());
        assertEquals(List.of("forged origin: aegis.outbox.DE may only carry policies of DE, the policy is for FR"), dlqReasons());
    }

    private static SharingPolicy policy(String yaml) {
        return PolicyDocument.parse(yaml, Instant.parse("2026-11-21T12:00:00Z"), "ada");
    }

    private static Receipt receipt(String signalId, String country) {
        return Receipt.newBuilder().setSignalId(signalId).setCountry(country).setKind(ReceiptKind.DELIVERED)
                .setAt(Instant.parse("2026-11-21T12:00:01Z")).setNodeId(country.toLowerCase()).build();
    }

    private List<Receipt> receipts() {
        return router.output(TopicNames.RECEIPTS, router.topics.receipts().valueDeserializer());
    }

    private List<SharingPolicy> policies() {
        return router.output(TopicNames.POLICIES, router.topics.policies().valueDeserializer());
    }

    private List<String> dlqReasons() {
        return router.dlq().stream().map(TestRecord::headers)
                .map(h -> new String(h.lastHeader(DlqHeaders.REASON).value(), StandardCharsets.UTF_8)).toList();
    }
}
