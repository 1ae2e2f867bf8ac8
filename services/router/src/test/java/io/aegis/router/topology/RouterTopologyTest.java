package io.aegis.router.topology;

import static io.aegis.router.domain.Fixtures.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.kafka.crypto.HashChain;
import io.aegis.kafka.dlq.DlqHeaders;
import io.aegis.kafka.dlq.DlqRecords;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.router.domain.Fixtures;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterTopologyTest {

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

    static SharedSignal shared(InboxEvent event) {
        return (SharedSignal) event.getPayload();
    }

    static Map<String, DecisionOutcome> outcomes(List<RoutingDecision> audit) {
        return audit.stream().collect(Collectors.toMap(RoutingDecision::getDestination, RoutingDecision::getOutcome, (a, b) -> b, TreeMap::new));
    }

    @Test
    void shouldDeliverGreenToAllowedMembersAndAuditEveryDestination() {
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));

        Map<String, List<InboxEvent>> inboxes = router.inboxes();
        assertEquals(1, inboxes.get("DE").size());
        assertEquals(1, inboxes.get("JP").size());
        assertEquals(1, inboxes.get("KE").size());
        assertEquals(0, inboxes.get("BR").size(), "BR is under embargo");
        assertEquals(0, inboxes.get("FR").size(), "the origin never receives its own signal");
        SharedSignal de = shared(inboxes.get("DE").get(0));
        assertEquals(signal.getId(), de.getSignalId());
        assertEquals(signal.getContent(), de.getContent());
        assertEquals("FR", de.getOriginCountry());
        assertNull(de.getOriginAgency(), "attribution COUNTRY hides the agency");
        assertEquals(1, de.getPolicyVersion());
        List<RoutingDecision> audit = router.audit();
        assertEquals(Map.of("BR", DecisionOutcome.DELAY, "DE", DecisionOutcome.DELIVER, "JP", DecisionOutcome.DELIVER,
                "KE", DecisionOutcome.DELIVER_REDACTED, "coordination", DecisionOutcome.DELIVER), outcomes(audit));
        assertEquals(de.getDecisionId(), audit.stream().filter(d -> d.getDestination().equals("DE")).findFirst().orElseThrow().getDecisionId());
        assertTrue(router.dlq().isEmpty());
    }

    @Test
    void shouldWithholdAmberSignalFromCountryOutsideGroup() {
        router.publish("FR", content(Tlp.AMBER));

        Map<String, List<InboxEvent>> inboxes = router.inboxes();
        assertEquals(1, inboxes.get("DE").size());
        assertEquals(1, inboxes.get("JP").size());
        assertTrue(inboxes.get("KE").isEmpty());
        assertEquals(DecisionOutcome.WITHHOLD, outcomes(router.audit()).get("KE"));
    }

    @Test
    void shouldLetDenyRuleWinOverAllowRule() {
        router.publish("FR", SignalContent.newBuilder(content(Tlp.GREEN)).setSectors(List.of(Sector.ELECTIONS)).build());

        assertTrue(router.inbox("JP").isEmpty());
        RoutingDecision jp = router.audit().stream().filter(d -> d.getDestination().equals("JP")).findFirst().orElseThrow();
        assertEquals(DecisionOutcome.WITHHOLD, jp.getOutcome());
        assertEquals(List.of("no-election-signals-to-jp"), jp.getRuleIds());
    }

    @Test
    void shouldRemoveRedactedFieldsFromWhatTheDestinationReceives() {
        router.publish("FR", content(Tlp.GREEN));

        SharedSignal ke = shared(router.inbox("KE").readValue());
        assertNull(ke.getContent().getDescription());
        assertTrue(ke.getContent().getIndicators().stream().noneMatch(i -> i.getType() == IndicatorType.EMAIL));
        assertEquals(List.of("description", "indicators[type=EMAIL]"), ke.getRedactedFields());
    }

    @Test
    void shouldReleaseEmbargoedCopyExactlyOnceAtItsTime() {
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));
        router.audit();

        router.advance(Duration.ofMinutes(59));
        assertTrue(router.inbox("BR").isEmpty());
        router.advance(Duration.ofMinutes(2));
        List<InboxEvent> released = router.inbox("BR").readValuesToList();
        router.advance(Duration.ofHours(3));

        assertEquals(1, released.size());
        assertEquals(signal.getId(), shared(released.get(0)).getSignalId());
        assertNull(shared(released.get(0)).getContent().getDescription(), "redaction applies to embargoed copies too");
        assertTrue(router.inbox("BR").isEmpty());
        assertEquals(List.of(DecisionOutcome.RELEASE), router.audit().stream().map(RoutingDecision::getOutcome).toList());
    }

    @Test
    void shouldPropagateRetractionToEveryEarlierRecipientAndCancelEmbargo() {
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));
        router.inboxes();
        router.audit();

        router.retract("FR", Retractions.retract(signal, router.now));
        router.advance(Duration.ofHours(2));

        Map<String, List<InboxEvent>> inboxes = router.inboxes();
        for (String cc : List.of("DE", "JP", "KE")) {
            assertEquals(1, inboxes.get(cc).size(), cc);
            assertTrue(inboxes.get(cc).get(0).getPayload() instanceof io.aegis.schema.signal.Retraction, cc);
        }
        assertTrue(inboxes.get("BR").isEmpty(), "the embargoed copy is cancelled, never released");
        Map<String, DecisionOutcome> audit = outcomes(router.audit());
        assertEquals(DecisionOutcome.RETRACT, audit.get("BR"));
        assertEquals(DecisionOutcome.RETRACT, audit.get("DE"));
        assertTrue(router.coordination().stream().anyMatch(CoordinationSignal::getRetracted));
    }

    @Test
    void shouldRetractFromEarlierRecipientsNoLongerAllowedAfterDowngrade() {
        ThreatSignal signal = router.publish("FR", content(Tlp.AMBER));
        router.inboxes();
        router.audit();

        router.retract("FR", Retractions.downgrade(signal, router.now, Tlp.RED, List.of("DE")));

        Map<String, List<InboxEvent>> inboxes = router.inboxes();
        var toJp = (io.aegis.schema.signal.Retraction) inboxes.get("JP").get(0).getPayload();
        var toDe = (io.aegis.schema.signal.Retraction) inboxes.get("DE").get(0).getPayload();
        assertEquals("RETRACT", toJp.getKind().name());
        assertEquals("DOWNGRADE", toDe.getKind().name());
        assertEquals(Tlp.RED, toDe.getNewTlp());
        assertEquals(0, toDe.getSignature().remaining(), "inbox notices never carry the origin signature");
        assertEquals(Map.of("DE", DecisionOutcome.DELIVER, "JP", DecisionOutcome.RETRACT, "coordination", DecisionOutcome.DELIVER),
                outcomes(router.audit()));
    }

    @Test
    void shouldTellCoordinationTheNarrowedAudienceAfterDowngrade() {
        // Cases name a signal only to its audience: a downgrade must narrow it there too, or a member
        // that lost the signal (or its embargoed copy) is still named it on the case afterwards.
        router.publishPolicy("""
                country: FR
                rules:
                  - {id: to-br-and-ke, effect: ALLOW, to: [BR, KE], tlp: [GREEN, AMBER]}
                  - {id: to-jp-de, effect: ALLOW, to: [JP, DE], tlp: [GREEN]}
                  - {id: hold, effect: DELAY, to: [BR, JP], delay: PT1H}
                attribution: AGENCY
                """, 2);
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));
        java.time.Instant embargoEnd = router.now.plus(Duration.ofHours(1));
        router.coordination();
        router.audit();

        // when: FR narrows it to AMBER ten minutes later: DE and JP (embargoed) lose it, BR stays embargoed
        router.advance(Duration.ofMinutes(10));
        router.retract("FR", Retractions.downgrade(signal, router.now, Tlp.AMBER, List.of()));

        // then: one non-retracted coordination record, named to KE at once and BR at its first embargo end
        List<CoordinationSignal> views = router.coordination();
        assertEquals(1, views.size());
        CoordinationSignal narrowed = views.get(0);
        assertEquals(signal.getId(), narrowed.getSignalId());
        assertFalse(narrowed.getRetracted());
        assertEquals(Tlp.AMBER, narrowed.getTlp());
        assertEquals(List.of(new Delivery("BR", embargoEnd), new Delivery("KE", null)), narrowed.getAudience());
        assertEquals(Attribution.AGENCY, narrowed.getAttribution());
        List<RoutingDecision> coordination = router.audit().stream()
                .filter(d -> d.getDestination().equals("coordination")).toList();
        assertEquals(1, coordination.size(), "the re-issued view is audited like every coordination decision");
        assertEquals(DecisionOutcome.DELIVER, coordination.get(0).getOutcome());
        assertEquals(2, coordination.get(0).getPolicyVersion());
    }

    @Test
    void shouldNameARetractedSignalToNobodyOnCoordination() {
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));
        router.coordination();

        router.retract("FR", Retractions.retract(signal, router.now));

        List<CoordinationSignal> views = router.coordination();
        assertEquals(1, views.size());
        assertTrue(views.get(0).getRetracted());
        assertTrue(views.get(0).getAudience().isEmpty(), "a retraction names the signal to nobody but its origin");
        assertEquals(Attribution.ANONYMOUS, views.get(0).getAttribution());
    }

    @Test
    void shouldCancelOrRelabelEmbargoedCopiesOnDowngrade() {
        router.publishPolicy("""
                country: FR
                rules:
                  - {id: to-br-and-ke, effect: ALLOW, to: [BR, KE], tlp: [GREEN, AMBER]}
                  - {id: to-jp, effect: ALLOW, to: [JP], tlp: [GREEN]}
                  - {id: hold, effect: DELAY, to: [BR, JP], delay: PT1H}
                """, 2);
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));
        router.inboxes();
        router.audit();

        router.retract("FR", Retractions.downgrade(signal, router.now, Tlp.AMBER, List.of()));
        Map<String, List<InboxEvent>> beforeRelease = router.inboxes();
        router.advance(Duration.ofHours(2));
        Map<String, List<InboxEvent>> afterRelease = router.inboxes();

        assertTrue(beforeRelease.get("BR").isEmpty() && beforeRelease.get("JP").isEmpty(), "no notice for a copy not yet released");
        assertEquals("DOWNGRADE", ((io.aegis.schema.signal.Retraction) beforeRelease.get("KE").get(0).getPayload()).getKind().name());
        assertEquals(Tlp.AMBER, shared(afterRelease.get("BR").get(0)).getContent().getTlp(), "released with the narrowed label");
        assertTrue(afterRelease.get("JP").isEmpty(), "JP is no longer allowed: its embargoed copy is cancelled");
    }

    @Test
    void shouldReRedactCopiesOfRecipientsStillAllowedAfterDowngradeAndPassTheLeakCheck() {
        // A downgrade that keeps a recipient must re-apply the stricter label's REDACT rules to what
        // it holds, not just relabel it: otherwise it keeps fields the origin now withholds.
        String policy = """
                country: FR
                rules:
                  - {id: share, effect: ALLOW, to: [DE, JP, KE], tlp: [GREEN, AMBER]}
                  - {id: amber-no-text, effect: REDACT, to: ["*"], tlp: [AMBER], fields: [description, "indicators[type=EMAIL]"]}
                  - {id: amber-not-ke, effect: DENY, to: [KE], tlp: [AMBER]}
                """;
        router.publishPolicy(policy, 3);
        ThreatSignal signal = router.publish("FR", content(Tlp.GREEN));
        router.advance(Duration.ofMinutes(5));
        router.retract("FR", Retractions.downgrade(signal, router.now, Tlp.AMBER, List.of()));

        Map<String, List<org.apache.kafka.streams.test.TestRecord<String, InboxEvent>>> records = router.inboxRecords();
        List<RoutingDecision> audit = router.audit();

        for (String cc : List.of("DE", "JP")) {
            List<InboxEvent> events = records.get(cc).stream().map(r -> r.value()).toList();
            assertEquals(3, events.size(), cc + ": first copy, downgrade notice, re-made copy");
            assertEquals("DOWNGRADE", ((io.aegis.schema.signal.Retraction) events.get(1).getPayload()).getKind().name());
            SharedSignal remade = shared(events.get(2));
            assertEquals(Tlp.AMBER, remade.getContent().getTlp());
            assertNull(remade.getContent().getDescription(), cc + " no longer holds the description");
            assertTrue(remade.getContent().getIndicators().stream().noneMatch(i -> i.getType() == IndicatorType.EMAIL));
            assertEquals(List.of("description", "indicators[type=EMAIL]"), remade.getRedactedFields());
        }
        List<InboxEvent> ke = records.get("KE").stream().map(r -> r.value()).toList();
        assertEquals("RETRACT", ((io.aegis.schema.signal.Retraction) ke.get(1).getPayload()).getKind().name());
        assertEquals(2, ke.size(), "KE is no longer allowed: retracted, no new copy");
        List<RoutingDecision> downgrade = audit.stream().filter(d -> d.getReason().contains("downgraded")).toList();
        assertEquals(Map.of("DE", DecisionOutcome.DELIVER_REDACTED, "JP", DecisionOutcome.DELIVER_REDACTED, "KE", DecisionOutcome.RETRACT),
                outcomes(downgrade));
        // each re-made copy and each retraction is owed a receipt by its recipient's node
        String ledger = router.driver.<String, String>getKeyValueStore(RouterTopology.RECEIPTS_STORE).get(signal.getId());
        Map<String, io.aegis.schema.signal.ReceiptKind> owed = io.aegis.router.domain.ReceiptLedger.decode(ledger).outstanding();
        assertEquals(io.aegis.schema.signal.ReceiptKind.RETRACTED, owed.get("KE"));
        assertEquals(io.aegis.schema.signal.ReceiptKind.DOWNGRADED, owed.get("DE"));
        assertEquals(io.aegis.schema.signal.ReceiptKind.DOWNGRADED, owed.get("JP"));

        List<io.aegis.router.admin.LeakCheck.InboxCopy> copies = new java.util.ArrayList<>();
        records.forEach((cc, list) -> list.stream().filter(r -> r.value().getPayload() instanceof SharedSignal)
                .forEach(r -> copies.add(new io.aegis.router.admin.LeakCheck.InboxCopy(cc, TopicNames.inbox(cc), 0, copies.size(),
                        r.timestamp(), shared(r.value())))));
        var published = io.aegis.schema.routing.SharingPolicy.newBuilder(io.aegis.policy.PolicyDocument.parse(policy, Fixtures.NOW, "t"))
                .setVersion(3).build();
        var report = io.aegis.router.admin.LeakCheck.check(router.members, new io.aegis.router.admin.LeakCheck.Evidence(
                new TreeMap<>(Map.of(0, audit)), copies, List.of(signal),
                List.of(Retractions.downgrade(signal, Fixtures.NOW.plus(Duration.ofMinutes(5)), Tlp.AMBER, List.of())), List.of(published)));
        assertTrue(report.clean(), report.findings().toString());
        assertEquals(5, report.copiesChecked());
    }

    @Test
    void shouldRejectDowngradeThatWidensTheAudience() {
        ThreatSignal signal = router.publish("FR", content(Tlp.AMBER));
        router.inboxes();

        router.retract("FR", Retractions.downgrade(signal, router.now, Tlp.GREEN, List.of()));

        assertTrue(router.inboxes().values().stream().allMatch(List::isEmpty));
        assertTrue(DlqRecords.header(router.dlq().get(0).headers(), DlqHeaders.REASON).contains("may only narrow"));
    }

    @Test
    void shouldSendForgedOriginToDlqAndDeliverNothing() {
        ThreatSignal signedByFr = router.sign("FR", content(Tlp.GREEN));

        router.send(TopicNames.outbox("DE"), signedByFr.getId(), new OutboxEvent(signedByFr));

        assertTrue(router.inboxes().values().stream().allMatch(List::isEmpty));
        assertTrue(router.audit().isEmpty());
        var dead = router.dlq();
        assertEquals(1, dead.size());
        assertTrue(DlqRecords.header(dead.get(0).headers(), DlqHeaders.REASON).startsWith("forged origin"));
        assertEquals(TopicNames.outbox("DE"), DlqRecords.header(dead.get(0).headers(), DlqHeaders.SOURCE_TOPIC));
        assertEquals(signedByFr.getId(), new String(dead.get(0).key(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldSendBadSignatureAndTamperedContentToDlq() {
        ThreatSignal signal = router.sign("FR", content(Tlp.GREEN));
        ThreatSignal tampered = ThreatSignal.newBuilder(signal)
                .setContent(SignalContent.newBuilder(signal.getContent()).setSeverity(1).build()).build();
        ThreatSignal wrongKey = ThreatSignal.newBuilder(router.sign("DE", content(Tlp.GREEN))).setOriginCountry("FR").build();

        router.send(TopicNames.outbox("FR"), tampered.getId(), new OutboxEvent(tampered));
        router.send(TopicNames.outbox("FR"), wrongKey.getId(), new OutboxEvent(wrongKey));
        router.outbox(TopicNames.outbox("FR")).pipeInput("garbage", null);

        assertTrue(router.inboxes().values().stream().allMatch(List::isEmpty));
        List<String> reasons = router.dlq().stream().map(r -> DlqRecords.header(r.headers(), DlqHeaders.REASON)).toList();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("origin verification failed"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("origin verification failed"), reasons.get(1));
    }

    @Test
    void shouldApplyNewPolicyVersionToTheNextSignal() {
        router.publish("FR", content(Tlp.AMBER));
        assertEquals(0, router.inbox("KE").readValuesToList().size());

        router.publishPolicy("""
                country: FR
                rules:
                  - {id: amber-all, effect: ALLOW, to: ["*"], tlp: [AMBER]}
                coordination: COUNT_ONLY
                """, 2);
        router.publish("FR", content(Tlp.AMBER));

        List<InboxEvent> ke = router.inbox("KE").readValuesToList();
        assertEquals(1, ke.size());
        assertEquals(2, shared(ke.get(0)).getPolicyVersion());
        List<CoordinationSignal> views = router.coordination();
        assertEquals(CoordinationLevel.COUNT_ONLY, views.get(views.size() - 1).getLevel());
    }

    @Test
    void shouldHashCoordinationIndicatorsAndWithholdEverythingWithoutPolicy() {
        router.publish("FR", content(Tlp.GREEN));
        router.publish("DE", content(Tlp.CLEAR));

        List<CoordinationSignal> views = router.coordination();
        assertEquals(1, views.size(), "DE has no policy: nothing reaches coordination");
        assertEquals(CoordinationLevel.HASHED, views.get(0).getLevel());
        assertFalse(views.get(0).getIndicators().stream().anyMatch(i -> i.getValue().equals("fraud.example")));
        assertTrue(router.inbox("FR").isEmpty(), "DE has no policy: default deny");
    }

    @Test
    void shouldTellCoordinationWhichMembersReceivedTheSignalAndWhenEmbargoesEnd() {
        // need to know downstream: case copies may only name a signal to the members listed here
        router.publish("FR", content(Tlp.AMBER));
        router.publish("FR", content(Tlp.GREEN));

        List<CoordinationSignal> views = router.coordination();
        assertEquals(List.of(new Delivery("DE", null), new Delivery("JP", null)), views.get(0).getAudience(),
                "AMBER reaches the trusted group only");
        assertEquals(Attribution.COUNTRY, views.get(0).getAttribution());
        assertEquals(List.of(new Delivery("BR", router.now.plus(Duration.ofHours(1))), new Delivery("DE", null),
                        new Delivery("JP", null), new Delivery("KE", null)),
                views.get(1).getAudience().stream().sorted(java.util.Comparator.comparing(Delivery::getCountry)).toList(),
                "GREEN reaches everyone, BR only when its embargo ends");
    }

    @Test
    void shouldChainAuditRecordsPerPartition() {
        for (int i = 0; i < 6; i++) {
            router.publish(i % 2 == 0 ? "FR" : "DE", content(Tlp.GREEN));
        }

        // The test driver runs every topic as a single partition, so the whole audit is one chain here;
        // RouterIT checks the per-partition chains on a real 3-partition audit topic (via LeakCheck).
        List<RoutingDecision> chain = router.audit();
        assertEquals(30, chain.size());
        assertEquals("", chain.get(0).getPrevHash());
        assertTrue(HashChain.verify(chain).valid());
        RoutingDecision forged = RoutingDecision.newBuilder(chain.get(3)).setOutcome(DecisionOutcome.DELIVER).setDestination("KE").build();
        List<RoutingDecision> tampered = new java.util.ArrayList<>(chain);
        tampered.set(3, forged);
        assertFalse(HashChain.verify(tampered).valid(), "a rewritten decision breaks the chain");
    }

    @Test
    void shouldTrackOutstandingReceipts() {
        ThreatSignal signal = router.publish("FR", content(Tlp.AMBER));
        var receipts = router.driver.createInputTopic(TopicNames.RECEIPTS, org.apache.kafka.common.serialization.Serdes.String().serializer(),
                router.topics.receipts().valueSerializer());

        receipts.pipeInput(signal.getId(), new io.aegis.schema.signal.Receipt(signal.getId(), "DE",
                io.aegis.schema.signal.ReceiptKind.DELIVERED, router.now, "node-de"));

        String ledger = router.driver.<String, String>getKeyValueStore(RouterTopology.RECEIPTS_STORE).get(signal.getId());
        assertEquals(Map.of("JP", io.aegis.schema.signal.ReceiptKind.DELIVERED),
                io.aegis.router.domain.ReceiptLedger.decode(ledger).outstanding());
        // the receipts API shows a ledger to its origin only, so the ledger keeps the verified origin
        assertEquals("FR", io.aegis.router.domain.ReceiptLedger.decode(ledger).origin());
    }
}
