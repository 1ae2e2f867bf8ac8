package io.aegis.escalation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.escalation.domain.CategoryCounts;
import io.aegis.escalation.domain.GroupState;
import io.aegis.escalation.domain.Observation;
import io.aegis.escalation.domain.Slot;
import io.aegis.escalation.domain.Tally;
import io.aegis.escalation.domain.WindowTally;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateSerdesTest {

    @Test
    void shouldRoundTripAGroupWithItsWindowTallies() {
        GroupState group = GroupState.found("campaign:c1", 1000, List.of(Duration.ofHours(1), Duration.ofHours(24)));
        Tally cbrn = Tally.empty();
        cbrn.add(new Observation("s1", "FR", Category.CBRN_UPLIFT, Set.of(Sector.ENERGY, Sector.MEDIA), 5, 1000, false));
        cbrn.add(new Observation("s2", "DE", Category.CBRN_UPLIFT, Set.of(), 2, 2000, true));
        Map<Long, WindowTally> windows = Map.of(3_600_000L, new WindowTally(-5, Map.of(Category.CBRN_UPLIFT, cbrn)),
                86_400_000L, new WindowTally(-7, Map.of()));
        GroupState full = new GroupState(group.id(), 1000, 61_000, Tier.SEVERE, windows);

        GroupState copy = roundTrip(StateSerdes.groups(), full);

        assertThat(copy.id()).isEqualTo("campaign:c1");
        assertThat(copy.createdAt()).isEqualTo(1000);
        assertThat(copy.lastSeen()).isEqualTo(61_000);
        assertThat(copy.tier()).isEqualTo(Tier.SEVERE);
        assertThat(copy.windows()).usingRecursiveComparison().isEqualTo(full.windows());
        assertThat(copy.windows().get(3_600_000L).byCategory().get(Category.CBRN_UPLIFT).countries())
                .containsOnlyKeys("DE", "FR");
    }

    @Test
    void shouldRoundTripSlotsSignalsAndBaselineCounts() {
        Observation signal = new Observation("s1", "FR", Category.CBRN_UPLIFT, Set.of(Sector.ENERGY), 5, 1000, false);
        Slot slot = Slot.empty(60_000, Category.CBRN_UPLIFT);
        slot.tally().add(signal);
        CategoryCounts counts = new CategoryCounts(Map.of(0L, 3L, 3_600_000L, 7L));

        assertThat(roundTrip(StateSerdes.observations(), signal)).isEqualTo(signal);
        assertThat(roundTrip(StateSerdes.slots(), slot)).usingRecursiveComparison().isEqualTo(slot);
        assertThat(roundTrip(StateSerdes.counts(), counts).buckets()).isEqualTo(counts.buckets());
    }

    @Test
    void shouldRoundTripTheNeedToKnowFactsOfASignal() {
        Observation signal = new Observation("s1", "FR", Category.CBRN_UPLIFT, Set.of(Sector.ENERGY), 5, 1000, false,
                Attribution.AGENCY, new TreeMap<>(Map.of("DE", Observation.AT_ONCE, "BR", 3_601_000L)));

        assertThat(roundTrip(StateSerdes.observations(), signal)).isEqualTo(signal);
    }

    @Test
    void shouldReadSignalsStoredBeforeNeedToKnowFactsAsNamedToNoMember() throws Exception {
        // state written by the previous release: format 1, no attribution, no audience
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("s1");
            out.writeUTF("FR");
            out.writeUTF("CBRN_UPLIFT");
            out.writeByte(5);
            out.writeLong(1000);
            out.writeBoolean(false);
            out.writeByte(1);
            out.writeUTF("ENERGY");
        }

        Observation old = StateSerdes.observations().deserializer().deserialize("t", bytes.toByteArray());

        assertThat(old).isEqualTo(new Observation("s1", "FR", Category.CBRN_UPLIFT, Set.of(Sector.ENERGY), 5, 1000, false));
        assertThat(old.attribution()).isEqualTo(Attribution.ANONYMOUS);
        assertThat(old.audience()).isEmpty();
    }

    @Test
    void shouldRefuseStateWrittenInAnUnknownFormat() {
        byte[] future = {9, 0, 0};

        assertThatThrownBy(() -> StateSerdes.counts().deserializer().deserialize("t", future))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown state format version 9");
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
