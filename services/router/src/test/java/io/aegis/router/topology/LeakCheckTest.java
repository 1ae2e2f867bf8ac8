package io.aegis.router.topology;

import static io.aegis.router.domain.Fixtures.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.policy.PolicyDocument;
import io.aegis.router.admin.LeakCheck;
import io.aegis.router.domain.Fixtures;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.DecisionOutcome;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.ThreatSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The independent leak check over what a real router topology wrote: it re-reads the recorded
 * policy itself, so it must pass what the router rightly did (embargoed copies released on time
 * included) and catch what a router bug or a forger could write, even when the audit agrees.
 */
class LeakCheckTest {

    private RouterHarness router;
    private final List<LeakCheck.InboxCopy> copies = new ArrayList<>();
    private final List<ThreatSignal> signals = new ArrayList<>();
    private List<RoutingDecision> audit;
    private SharingPolicy policy;

    @BeforeEach
    void route() throws Exception {
        router = new RouterHarness();
        router.publishPolicy(Fixtures.ARCHITECTURE_POLICY, 1);
        policy = SharingPolicy.newBuilder(PolicyDocument.parse(Fixtures.ARCHITECTURE_POLICY, router.now, "test")).setVersion(1).build();
        signals.add(router.publish("FR", content(Tlp.GREEN)));
        signals.add(router.publish("FR", content(Tlp.AMBER)));
        signals.add(router.publish("FR", content(Tlp.RED, List.of("DE"))));
        router.advance(Duration.ofHours(2));
        router.inboxRecords().forEach((cc, records) -> {
            for (TestRecord<String, InboxEvent> record : records) {
                if (record.value().getPayload() instanceof SharedSignal copy) {
                    copies.add(new LeakCheck.InboxCopy(cc, "aegis.inbox." + cc, 0, copies.size(), record.timestamp(), copy));
                }
            }
        });
        audit = router.audit();
    }

    @AfterEach
    void stop() {
        router.close();
    }

    private LeakCheck.Report check(List<LeakCheck.InboxCopy> found, List<RoutingDecision> decisions) {
        return LeakCheck.check(router.members, new LeakCheck.Evidence(new TreeMap<>(Map.of(0, decisions)), found, signals,
                List.of(), List.of(policy)));
    }

    private LeakCheck.InboxCopy copyIn(String cc) {
        return copies.stream().filter(c -> c.country().equals(cc)).findFirst().orElseThrow();
    }

    @Test
    void shouldFindNoLeakInWhatTheRouterDeliveredIncludingAnEmbargoReleasedOnTime() {
        LeakCheck.Report report = check(copies, audit);

        assertTrue(report.clean(), report.findings().toString());
        assertEquals(List.of(), report.unchecked());
        assertEquals(7, report.copiesChecked(), "GREEN to DE, JP, KE, BR (released); AMBER to DE, JP; RED to DE");
    }

    @Test
    void shouldReportAnEmbargoedCopyReleasedBeforeItsEnd() {
        LeakCheck.InboxCopy released = copyIn("BR");
        LeakCheck.InboxCopy early = new LeakCheck.InboxCopy("BR", released.topic(), 0, released.offset(),
                Fixtures.NOW.plus(Duration.ofMinutes(10)).toEpochMilli(), released.copy());

        LeakCheck.Report report = check(List.of(early), audit);

        assertTrue(report.findings().stream().anyMatch(f -> f.contains("before the embargo")), report.findings().toString());
    }

    @Test
    void shouldReportACopyWithoutAnAllowingDecision() {
        SharedSignal toDe = copyIn("DE").copy();
        RoutingDecision withheldFromKe = audit.stream()
                .filter(d -> d.getDestination().equals("KE") && d.getOutcome() == DecisionOutcome.WITHHOLD).findFirst().orElseThrow();
        List<LeakCheck.InboxCopy> leaked = new ArrayList<>(copies);
        leaked.add(new LeakCheck.InboxCopy("KE", "aegis.inbox.KE", 0, 99, router.now.toEpochMilli(),
                SharedSignal.newBuilder(toDe).setDestination("KE").setSignalId(withheldFromKe.getSignalId())
                        .setDecisionId(withheldFromKe.getDecisionId()).build()));
        leaked.add(new LeakCheck.InboxCopy("JP", "aegis.inbox.JP", 0, 100, router.now.toEpochMilli(),
                SharedSignal.newBuilder(toDe).setDestination("JP").setDecisionId("forged").build()));

        LeakCheck.Report report = check(leaked, audit);

        assertFalse(report.clean());
        assertTrue(report.findings().stream().anyMatch(f -> f.contains("says WITHHOLD")), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.contains("cites decision forged, which is not in the routing audit")),
                report.findings().toString());
    }

    @Test
    void shouldReportACopyTheRecordedPolicyForbidsEvenWhenTheAuditAgrees() {
        // A router bug that both delivers and audits a forbidden copy must not vouch for itself:
        // the AMBER signal may only reach the trusted group (DE, JP), never KE.
        ThreatSignal amber = signals.get(1);
        RoutingDecision wrong = audit.stream()
                .filter(d -> d.getSignalId().equals(amber.getId()) && d.getDestination().equals("KE")).findFirst().orElseThrow();
        RoutingDecision forged = RoutingDecision.newBuilder(wrong).setOutcome(DecisionOutcome.DELIVER).setDecisionId("bug").build();
        List<RoutingDecision> decisions = new ArrayList<>(audit);
        decisions.set(decisions.indexOf(wrong), forged);
        SharedSignal copy = SharedSignal.newBuilder(copies.stream()
                        .filter(c -> c.copy().getSignalId().equals(amber.getId())).findFirst().orElseThrow().copy())
                .setDestination("KE").setDecisionId("bug").build();

        LeakCheck.Report report = check(List.of(new LeakCheck.InboxCopy("KE", "aegis.inbox.KE", 0, 1, router.now.toEpochMilli(), copy)),
                decisions);

        assertTrue(report.findings().stream().anyMatch(f -> f.contains("does not allow it to KE")), report.findings().toString());
    }

    @Test
    void shouldReportARedactedFieldThatIsStillPresentAndABrokenChain() {
        LeakCheck.InboxCopy ke = copyIn("KE");
        SharedSignal unredacted = SharedSignal.newBuilder(ke.copy()).setContent(content(Tlp.GREEN)).build();
        List<RoutingDecision> reordered = new ArrayList<>(audit);
        reordered.add(0, reordered.remove(1));

        LeakCheck.Report report = check(List.of(new LeakCheck.InboxCopy("KE", ke.topic(), 0, 1, ke.timestamp(), unredacted)), reordered);

        assertTrue(report.findings().stream().anyMatch(f -> f.contains("must be redacted for KE but are present")), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.contains("hash chain broken")), report.findings().toString());
    }

    @Test
    void shouldSayAPolicyVersionNotOnRecordWasNotChecked() {
        LeakCheck.Report report = LeakCheck.check(router.members, new LeakCheck.Evidence(new TreeMap<>(Map.of(0, audit)), copies,
                signals, List.of(), List.of()));

        assertTrue(report.clean());
        assertEquals(7, report.unchecked().size(), report.unchecked().toString());
    }
}
