package io.aegis.escalation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.escalation.domain.CategoryCounts;
import io.aegis.escalation.domain.GroupState;
import io.aegis.escalation.domain.Observation;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateSerdesTest {

    @Test
    void shouldRoundTripAGroupWithItsSlots() {
        GroupState group = GroupState.found("campaign:c1", 1000);
        group.observe(new Observation("s1", "FR", Category.CBRN_UPLIFT, Set.of(Sector.ENERGY, Sector.MEDIA), 5, 1000, false), 0);
        group.observe(new Observation("s2", "DE", Category.CBRN_UPLIFT, Set.of(), 2, 2000, true), 0);
        group.observe(new Observation("s3", "DE", Category.MODEL_THEFT, Set.of(Sector.WATER), 3, 61_000, false), 60_000);
        group.raiseTo(Tier.SEVERE);

        GroupState copy = roundTrip(StateSerdes.groups(), group);

        assertThat(copy.id()).isEqualTo("campaign:c1");
        assertThat(copy.createdAt()).isEqualTo(1000);
        assertThat(copy.lastSeen()).isEqualTo(61_000);
        assertThat(copy.tier()).isEqualTo(Tier.SEVERE);
        assertThat(copy.slots()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(group.slots());
    }

    @Test
    void shouldRoundTripSlotSignalsAndBaselineCounts() {
        List<Observation> signals = List.of(
                new Observation("s1", "FR", Category.CBRN_UPLIFT, Set.of(Sector.ENERGY), 5, 1000, false),
                new Observation("s2", "JP", Category.CBRN_UPLIFT, Set.of(), 1, 1001, true));
        CategoryCounts counts = new CategoryCounts(Map.of(0L, 3L, 3_600_000L, 7L));

        assertThat(roundTrip(StateSerdes.observations(), signals)).isEqualTo(signals);
        assertThat(roundTrip(StateSerdes.counts(), counts).buckets()).isEqualTo(counts.buckets());
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
