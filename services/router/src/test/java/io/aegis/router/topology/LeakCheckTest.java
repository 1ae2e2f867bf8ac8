package io.aegis.router.topology;

import static io.aegis.router.domain.Fixtures.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.router.admin.LeakCheck;
import io.aegis.router.domain.Fixtures;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.SharedSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeakCheckTest {

    private RouterHarness router;
    private final List<LeakCheck.InboxCopy> copies = new ArrayList<>();
    private List<RoutingDecision> audit;

    @BeforeEach
    void route() throws Exception {
        router = new RouterHarness();
        router.publishPolicy(Fixtures.ARCHITECTURE_POLICY, 1);
        router.publish("FR", content(Tlp.GREEN));
        router.publish("FR", content(Tlp.AMBER));
        router.publish("FR", content(Tlp.RED, List.of("DE")));
        router.advance(Duration.ofHours(2));
        router.inboxes().forEach((cc, events) -> {
            for (InboxEvent event : events) {
                if (event.getPayload() instanceof SharedSignal copy) {
                    copies.add(new LeakCheck.InboxCopy(cc, "aegis.inbox." + cc, 0, copies.size(), copy));
                }
            }
        });
        audit = router.audit();
    }

    @AfterEach
    void stop() {
        router.close();
    }

    @Test
    void shouldFindNoLeakInWhatTheRouterDelivered() {
        LeakCheck.Report report = LeakCheck.check(copies, Map.of(0, audit));

        assertTrue(report.clean(), report.findings().toString());
        assertEquals(7, report.copiesChecked(), "GREEN to DE, JP, KE, BR (released); AMBER to DE, JP; RED to DE");
    }

    @Test
    void shouldReportACopyWithoutAnAllowingDecision() {
        SharedSignal toDe = copies.stream().filter(c -> c.country().equals("DE")).findFirst().orElseThrow().copy();
        RoutingDecision withheldFromKe = audit.stream()
                .filter(d -> d.getDestination().equals("KE") && d.getOutcome().name().equals("WITHHOLD")).findFirst().orElseThrow();
        List<LeakCheck.InboxCopy> leaked = new ArrayList<>(copies);
        leaked.add(new LeakCheck.InboxCopy("KE", "aegis.inbox.KE", 0, 99,
                SharedSignal.newBuilder(toDe).setDestination("KE").setSignalId(withheldFromKe.getSignalId())
                        .setDecisionId(withheldFromKe.getDecisionId()).build()));
        leaked.add(new LeakCheck.InboxCopy("JP", "aegis.inbox.JP", 0, 100, SharedSignal.newBuilder(toDe).setDecisionId("forged").build()));

        LeakCheck.Report report = LeakCheck.check(leaked, Map.of(0, audit));

        assertFalse(report.clean());
        assertTrue(report.findings().stream().anyMatch(f -> f.contains("WITHHOLD, which does not deliver")), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.contains("no routing decision forged")), report.findings().toString());
    }

    @Test
    void shouldReportARedactedFieldThatIsStillPresentAndABrokenChain() {
        LeakCheck.InboxCopy ke = copies.stream().filter(c -> c.country().equals("KE")).findFirst().orElseThrow();
        SharedSignal unredacted = SharedSignal.newBuilder(ke.copy()).setContent(content(Tlp.GREEN)).build();
        List<RoutingDecision> reordered = new ArrayList<>(audit);
        reordered.add(0, reordered.remove(1));

        LeakCheck.Report report = LeakCheck.check(
                List.of(new LeakCheck.InboxCopy("KE", ke.topic(), 0, 1, unredacted)), Map.of(0, reordered));

        assertTrue(report.findings().stream().anyMatch(f -> f.contains("were to be redacted but are present")), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.contains("hash chain broken")), report.findings().toString());
    }
}
