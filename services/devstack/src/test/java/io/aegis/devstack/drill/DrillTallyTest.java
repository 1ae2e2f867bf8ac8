package io.aegis.devstack.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.devstack.drill.DrillRecord.Copy;
import io.aegis.devstack.drill.DrillRecord.Sent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrillTallyTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final List<String> PHASES = List.of("baseline", "broker-2 down");
    private static final List<String> INBOXES = List.of("FR", "DE", "JP");
    private static final Map<String, Set<String>> RECIPIENTS = Map.of("FR", Set.of("DE", "JP"), "DE", Set.of("FR"));
    private static final List<Instant> STARTS = List.of(T0, T0.plusSeconds(20));
    private static final Instant END = T0.plusSeconds(40);

    private static DrillRecord record(List<Sent> sent, List<Copy> copies) {
        return new DrillRecord(sent, copies, List.of(), List.of(), STARTS, END);
    }

    @Test
    void shouldCountEveryExpectedCopyDeliveredOnceAsCleanPhase() {
        DrillRecord record = record(List.of(new Sent("FR-0", 0, "FR", true, "202"), new Sent("DE-1", 0, "DE", true, "202")),
                List.of(new Copy("DE", "FR-0", 0, "s0"), new Copy("JP", "FR-0", 0, "s0"), new Copy("FR", "DE-1", 0, "s1")));

        DrillTally.Row baseline = DrillTally.count(PHASES, RECIPIENTS, INBOXES, record).get(0);

        assertThat(baseline.offered()).isEqualTo(2);
        assertThat(baseline.accepted()).isEqualTo(2);
        assertThat(baseline.delivered()).isEqualTo(Map.of("FR", 1, "DE", 1, "JP", 1));
        assertThat(baseline.expected()).isEqualTo(Map.of("FR", 1, "DE", 1, "JP", 1));
        assertThat(baseline.clean()).isTrue();
        assertThat(baseline.findings()).isEmpty();
    }

    @Test
    void shouldNameTheInboxOfALostCopy() {
        DrillRecord record = record(List.of(new Sent("FR-0", 1, "FR", true, "202")),
                List.of(new Copy("DE", "FR-0", 1, "s0")));

        List<DrillTally.Row> rows = DrillTally.count(PHASES, RECIPIENTS, INBOXES, record);

        assertThat(rows.get(0).offered()).isZero();
        DrillTally.Row down = rows.get(1);
        assertThat(down.lost()).isEqualTo(1);
        assertThat(down.delivered()).containsEntry("DE", 1).containsEntry("JP", 0);
        assertThat(down.findings()).containsExactly("lost FR-0 (from FR) in inbox JP");
        assertThat(down.clean()).isFalse();
    }

    @Test
    void shouldCountEveryCopyBeyondTheFirstInOneInboxAsDuplicate() {
        // a restarted router that re-processes an uncommitted outbox record must not deliver it twice
        DrillRecord record = record(List.of(new Sent("DE-1", 0, "DE", true, "202")),
                List.of(new Copy("FR", "DE-1", 0, "s1"), new Copy("FR", "DE-1", 0, "s1"), new Copy("FR", "DE-1", 0, "s1")));

        DrillTally.Row baseline = DrillTally.count(PHASES, RECIPIENTS, INBOXES, record).get(0);

        assertThat(baseline.duplicates()).isEqualTo(2);
        assertThat(baseline.delivered()).containsEntry("FR", 1);
        assertThat(baseline.lost()).isZero();
        assertThat(baseline.findings()).containsExactly("duplicate DE-1 x3 in inbox FR (ids [s1])");
    }

    @Test
    void shouldCountACopyOutsideThePolicysRecipientsAsLeak() {
        DrillRecord record = record(List.of(new Sent("DE-1", 0, "DE", true, "202")),
                List.of(new Copy("FR", "DE-1", 0, "s1"), new Copy("JP", "DE-1", 0, "s1")));

        DrillTally.Row baseline = DrillTally.count(PHASES, RECIPIENTS, INBOXES, record).get(0);

        assertThat(baseline.leaked()).isEqualTo(1);
        assertThat(baseline.findings()).containsExactly("unexpected copy of DE-1 (from DE) in inbox JP");
        assertThat(baseline.clean()).isFalse();
    }

    @Test
    void shouldNeverCountASignalWithoutA202AsLost() {
        // a call that timed out may or may not have reached Kafka; either outcome is correct
        DrillRecord record = record(List.of(new Sent("FR-0", 0, "FR", false, "HttpTimeoutException"),
                new Sent("FR-5", 0, "FR", false, "503")), List.of(new Copy("DE", "FR-0", 0, "s0")));

        DrillTally.Row baseline = DrillTally.count(PHASES, RECIPIENTS, INBOXES, record).get(0);

        assertThat(baseline.offered()).isEqualTo(2);
        assertThat(baseline.accepted()).isZero();
        assertThat(baseline.unacked()).isEqualTo(1);
        assertThat(baseline.lost()).isZero();
        assertThat(baseline.expected()).containsEntry("DE", 0);
        assertThat(baseline.clean()).isTrue();
    }

    @Test
    void shouldCountEscalationsAndNotificationsByTheWindowOfEachPhase() {
        DrillRecord record = new DrillRecord(List.of(), List.of(),
                List.of(T0, T0.plusSeconds(19), T0.plusSeconds(20), T0.minusSeconds(1)),
                List.of(T0.plusSeconds(39), END), STARTS, END);

        List<DrillTally.Row> rows = DrillTally.count(PHASES, RECIPIENTS, INBOXES, record);

        assertThat(rows).extracting(DrillTally.Row::escalations).containsExactly(2, 1);
        assertThat(rows).extracting(DrillTally.Row::notifications).containsExactly(0, 1);
    }

    @Test
    void shouldNameOnlyTheFirstFindingsButCountThemAll() {
        List<Sent> sent = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> new Sent("DE-" + i, 0, "DE", true, "202")).toList();

        DrillTally.Row baseline = DrillTally.count(PHASES, RECIPIENTS, INBOXES, record(sent, List.of())).get(0);

        assertThat(baseline.lost()).isEqualTo(8);
        assertThat(baseline.findings()).hasSize(DrillTally.NAMED + 1).last().isEqualTo("... and 3 more");
    }
}
