package io.aegis.devstack.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrillOptionsTest {

    @Test
    void shouldDefaultToAModestLoad() {
        assertThat(DrillOptions.parse(List.of())).isEqualTo(new DrillOptions(20, 20, 90, false));
    }

    @Test
    void shouldReadEachOption() {
        assertThat(DrillOptions.parse(List.of("--rate=5", "--phase-seconds=30", "--settle-seconds=0", "--kill")))
                .isEqualTo(new DrillOptions(5, 30, 0, true));
    }

    @Test
    void shouldRefuseUnknownOrMalformedOptionsNamingThem() {
        assertThatThrownBy(() -> DrillOptions.parse(List.of("--brokers=3"))).hasMessageContaining("'--brokers=3'");
        assertThatThrownBy(() -> DrillOptions.parse(List.of("--rate=fast"))).hasMessageContaining("--rate");
        assertThatThrownBy(() -> DrillOptions.parse(List.of("--rate=0"))).hasMessageContaining("1..1000");
    }
}
