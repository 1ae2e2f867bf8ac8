package io.aegis.response.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.response.SignalDisclosure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisclosureNarrowingTest {

    private static final Instant EARLY = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-20T11:00:00Z");

    @Test
    void shouldKeepOnlyMembersInBothAtTheLaterReleaseAndTheStricterAttribution() {
        // an update that names a new member, an earlier release or a looser attribution must not widen the case
        SignalDisclosure known = new SignalDisclosure("s1", "FR", false, Attribution.ANONYMOUS,
                List.of(new Delivery("DE", null), new Delivery("BR", LATE), new Delivery("JP", EARLY)));
        SignalDisclosure update = new SignalDisclosure("s1", "FR", false, Attribution.AGENCY,
                List.of(new Delivery("BR", EARLY), new Delivery("JP", LATE), new Delivery("KE", null)));

        SignalDisclosure narrowed = DisclosureNarrowing.narrow(known, update);

        assertEquals(List.of(new Delivery("BR", LATE), new Delivery("JP", LATE)), narrowed.getAudience());
        assertEquals(Attribution.ANONYMOUS, narrowed.getAttribution());
    }

    @Test
    void shouldTouchOnlySignalsTheCaseKnowsAndReportWhichChanged() {
        io.aegis.schema.response.EmergencyCase kase = io.aegis.schema.response.EmergencyCase.newBuilder()
                .setCaseId("c").setCorrelationKey("k").setTier(io.aegis.schema.common.Tier.SEVERE)
                .setState(io.aegis.schema.response.CaseState.OPEN).setOpenedAt(EARLY).setUpdatedAt(EARLY)
                .setDisclosures(List.of(
                        new SignalDisclosure("s1", "FR", false, Attribution.COUNTRY, List.of(new Delivery("DE", null))),
                        new SignalDisclosure("s2", "JP", false, Attribution.COUNTRY, List.of(new Delivery("DE", null)))))
                .build();

        List<String> changed = DisclosureNarrowing.apply(kase, List.of(
                new SignalDisclosure("s1", "FR", false, Attribution.ANONYMOUS, List.of()),
                new SignalDisclosure("s9", "KE", false, Attribution.COUNTRY, List.of(new Delivery("DE", null)))));

        assertEquals(List.of("s1"), changed);
        assertEquals(List.of("s1", "s2"), kase.getDisclosures().stream().map(SignalDisclosure::getSignalId).toList());
        assertTrue(kase.getDisclosures().get(0).getAudience().isEmpty(), "a retraction names it to nobody but its origin");
    }
}
