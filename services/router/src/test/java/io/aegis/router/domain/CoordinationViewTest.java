package io.aegis.router.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CoordinationViewTest {

    private final CoordinationView view = new CoordinationView("demo-network-key-0123456789".getBytes(StandardCharsets.UTF_8));

    static ThreatSignal signal() {
        return ThreatSignal.newBuilder().setId("s-1").setOriginCountry("FR").setOriginAgency("anssi")
                .setSubmittedAt(Fixtures.NOW).setContent(Fixtures.content(Tlp.AMBER)).setContentHash("sha256:00")
                .setSignature(ByteBuffer.allocate(0)).build();
    }

    @Test
    void shouldHashIndicatorsDeterministicallyAndDropTitleWhenHashed() {
        CoordinationSignal hashed = view.of(signal(), CoordinationLevel.HASHED, false).orElseThrow();

        assertEquals(view.hmac("fraud.example"), hashed.getIndicators().get(0).getValue());
        assertNotEquals("fraud.example", hashed.getIndicators().get(0).getValue());
        assertTrue(hashed.getIndicators().get(0).getValue().matches("[0-9a-f]{64}"));
        assertEquals(view.hmac("camp-1"), hashed.getCampaignId());
        assertNull(hashed.getTitle());
    }

    @Test
    void shouldCarryNoIndicatorsSystemsCampaignOrTextAtCountOnly() {
        CoordinationSignal count = view.of(signal(), CoordinationLevel.COUNT_ONLY, false).orElseThrow();

        assertTrue(count.getIndicators().isEmpty());
        assertTrue(count.getAffectedSystems().isEmpty());
        assertNull(count.getCampaignId());
        assertNull(count.getTitle());
    }

    @Test
    void shouldProduceNothingAtNoneAndEverythingAtFull() {
        assertTrue(view.of(signal(), CoordinationLevel.NONE, false).isEmpty());
        CoordinationSignal full = view.of(signal(), CoordinationLevel.FULL, true).orElseThrow();
        assertEquals("fraud.example", full.getIndicators().get(0).getValue());
        assertEquals("camp-1", full.getCampaignId());
        assertTrue(full.getRetracted());
    }

    @Test
    void shouldGiveFullAndHashedViewsTheSameCorrelationDigestsAndCountOnlyNone() {
        CoordinationSignal full = view.of(signal(), CoordinationLevel.FULL, false).orElseThrow();
        CoordinationSignal hashed = view.of(signal(), CoordinationLevel.HASHED, false).orElseThrow();

        assertEquals(full.getCorrelationDigests(), hashed.getCorrelationDigests());
        assertEquals("campaign:" + view.hmac("camp-1"), full.getCorrelationDigests().get(0));
        assertTrue(full.getCorrelationDigests().contains("ioc:DOMAIN:" + view.hmac("fraud.example")),
                full.getCorrelationDigests().toString());
        assertTrue(full.getCorrelationDigests().stream().noneMatch(d -> d.contains("fraud.example")));
        assertTrue(view.of(signal(), CoordinationLevel.COUNT_ONLY, false).orElseThrow().getCorrelationDigests().isEmpty());
    }
}
