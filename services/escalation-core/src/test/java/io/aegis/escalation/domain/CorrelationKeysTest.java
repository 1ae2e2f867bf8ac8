package io.aegis.escalation.domain;

import io.aegis.schema.coordination.KeyKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.CoordinationLevel;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.routing.CoordinationSignal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrelationKeysTest {

    private static final Set<KeyKind> ALL = EnumSet.allOf(KeyKind.class);

    @Test
    void shouldDeriveEveryKeyKindInFoundingOrder() {
        CoordinationSignal signal = signal(CoordinationLevel.HASHED);

        assertThat(CorrelationKeys.of(signal, ALL)).containsExactly(
                "campaign:9a1f",
                "ioc:DOMAIN:3b7c",
                "ioc:SHA256:77aa",
                "system:c0de",
                "cat:DEEPFAKE_FRAUD|sector:FINANCE",
                "cat:DEEPFAKE_FRAUD|sector:TELECOM");
    }

    @Test
    void shouldGiveCountOnlySignalsCategoryKeysOnlyWhateverTheyCarry() {
        CoordinationSignal signal = signal(CoordinationLevel.COUNT_ONLY);

        assertThat(CorrelationKeys.of(signal, ALL)).containsExactly(
                "cat:DEEPFAKE_FRAUD|sector:FINANCE", "cat:DEEPFAKE_FRAUD|sector:TELECOM");
    }

    @Test
    void shouldUseTheCategoryAloneWhenNoSectorIsGiven() {
        CoordinationSignal signal = CoordinationSignal.newBuilder(signal(CoordinationLevel.COUNT_ONLY)).setSectors(List.of()).build();

        assertThat(CorrelationKeys.of(signal, ALL)).containsExactly("cat:DEEPFAKE_FRAUD");
    }

    @Test
    void shouldLeaveOutDisabledKindsAndFallBackToTheSignalItself() {
        CoordinationSignal full = signal(CoordinationLevel.FULL);
        CoordinationSignal countOnly = signal(CoordinationLevel.COUNT_ONLY);

        assertThat(CorrelationKeys.of(full, EnumSet.of(KeyKind.SYSTEM))).containsExactly("system:c0de");
        assertThat(CorrelationKeys.of(countOnly, EnumSet.of(KeyKind.CAMPAIGN))).containsExactly("signal:sig-1");
    }

    @Test
    void shouldCorrelateFullAndHashedSignalsOnTheRoutersDigests() {
        // why: origins choose their coordination level; a FULL and a HASHED report of one campaign must still meet
        List<String> digests = List.of("campaign:d1", "ioc:DOMAIN:d2", "system:d3", "other:ignored");
        CoordinationSignal full = CoordinationSignal.newBuilder(signal(CoordinationLevel.FULL)).setCorrelationDigests(digests).build();
        CoordinationSignal hashed = CoordinationSignal.newBuilder(signal(CoordinationLevel.HASHED)).setCorrelationDigests(digests).build();

        assertThat(CorrelationKeys.of(full, ALL)).isEqualTo(CorrelationKeys.of(hashed, ALL)).containsExactly(
                "campaign:d1", "ioc:DOMAIN:d2", "system:d3",
                "cat:DEEPFAKE_FRAUD|sector:FINANCE", "cat:DEEPFAKE_FRAUD|sector:TELECOM");
        assertThat(CorrelationKeys.of(full, EnumSet.of(KeyKind.INDICATOR))).containsExactly("ioc:DOMAIN:d2");
    }

    private static CoordinationSignal signal(CoordinationLevel level) {
        return CoordinationSignal.newBuilder()
                .setSignalId("sig-1").setOriginCountry("FR").setLevel(level)
                .setCategory(Category.DEEPFAKE_FRAUD).setSectors(List.of(Sector.FINANCE, Sector.TELECOM, Sector.FINANCE))
                .setSeverity(3).setConfidence(50).setTlp(Tlp.AMBER)
                .setObservedAt(Instant.EPOCH).setSubmittedAt(Instant.EPOCH)
                .setCampaignId("9a1f")
                .setIndicators(List.of(new Indicator(IndicatorType.DOMAIN, "3b7c"), new Indicator(IndicatorType.SHA256, " 77aa ")))
                .setAffectedSystems(List.of("c0de", " "))
                .build();
    }
}
