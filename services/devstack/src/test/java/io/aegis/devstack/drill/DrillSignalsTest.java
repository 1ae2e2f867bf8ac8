package io.aegis.devstack.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillSignalsTest {

    @Test
    void shouldRecoverPhaseAndTokenFromTheTitleOfACopy() {
        DrillSignals signals = new DrillSignals("abc123");

        Map<String, Object> signal = signals.signal(4, DrillSignals.token("KE", 17));

        assertThat(signals.marker((String) signal.get("title"))).contains(new DrillSignals.Marker(4, "KE-17"));
        assertThat(signal).containsEntry("tlp", "GREEN").containsEntry("category", "OTHER")
                .containsEntry("sectors", List.of("OTHER"));
    }

    @Test
    void shouldIgnoreTitlesOfOtherRunsAndOtherSignals() {
        DrillSignals signals = new DrillSignals("abc123");

        assertThat(signals.marker(new DrillSignals("zzz").title(0, "FR-1"))).isEmpty();
        assertThat(signals.marker("Deepfake CEO voice fraud")).isEmpty();
        assertThat(signals.marker(null)).isEmpty();
    }

    @Test
    void shouldRefuseARunIdThatCouldNotBeFoundAgainInATitle() {
        assertThatThrownBy(() -> new DrillSignals("a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
