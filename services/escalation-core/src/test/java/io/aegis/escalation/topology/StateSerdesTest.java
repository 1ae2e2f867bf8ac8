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
    void shouldRoundTripTheCountsPerSeverityOfATally() {
        Slot slot = Slot.empty(60_000, Category.MODEL_MISUSE);
        slot.tally().add(new Observation("s1", "FR", Category.MODEL_MISUSE, Set.of(Sector.ENERGY), 4, 60_000, false));
        slot.tally().add(new Observation("s2", "DE", Category.MODEL_MISUSE, Set.of(Sector.WATER), 2, 60_000, true));
        slot.tally().add(new Observation("s3", "FR", Category.MODEL_MISUSE, Set.of(), 2, 60_000, false));

        Tally copy = roundTrip(StateSerdes.slots(), slot).tally();

        assertThat(copy).usingRecursiveComparison().isEqualTo(slot.tally());
        assertThat(copy.countries(4)).containsExactly(Map.entry("FR", 1));
        assertThat(copy.countries(2)).containsOnly(Map.entry("DE", 1), Map.entry("FR", 1));
        assertThat(copy.criticalSectorsAtLeast(4)).containsExactly(Sector.ENERGY);
    }

    @Test
    void shouldReadTalliesOfThePreviousReleaseWithoutCountingUnknownSeveritiesAtAnyThreshold() throws Exception {
        // a slot written by the previous release: FR severity 4 and DE severity 2, countries not split by severity
        byte[] mixed = oldSlot(Map.of("DE", 1, "FR", 1), new int[] {0, 0, 1, 0, 1, 0}, Map.of("ENERGY", 1));
        // and one whose signals all have severity 4, so its countries are exactly those of severity 4
        byte[] single = oldSlot(Map.of("FR", 2), new int[] {0, 0, 0, 0, 2, 0}, Map.of());

        Tally old = StateSerdes.slots().deserializer().deserialize("t", mixed).tally();
        Tally exact = StateSerdes.slots().deserializer().deserialize("t", single).tally();

        // every figure over all reports is as before; none is claimed at a severity it may not have
        assertThat(old.count()).isEqualTo(2);
        assertThat(old.countries()).containsOnlyKeys("DE", "FR");
        assertThat(old.countriesAtLeast(1)).containsExactly("DE", "FR");
        assertThat(old.countAtLeast(4)).isEqualTo(1);
        assertThat(old.countriesAtLeast(2)).isEmpty();
        assertThat(old.criticalSectorsAtLeast(4)).isEmpty();
        assertThat(old.criticalSectors()).containsOnlyKeys(Sector.ENERGY);
        assertThat(exact.countriesAtLeast(4)).containsExactly("FR");
        assertThat(exact.countriesAtLeast(5)).isEmpty();

        // taking back the severity-4 report takes France out of every figure, exactly
        old.remove(new Observation("s1", "FR", Category.MODEL_MISUSE, Set.of(Sector.ENERGY), 4, 60_000, false));
        assertThat(old.countries()).containsOnlyKeys("DE");
        assertThat(old.criticalSectors()).isEmpty();
        assertThat(old.countAtLeast(3)).isZero();
    }

    @Test
    void shouldRefuseATallyLayoutItDoesNotKnow() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(60_000);
            out.writeUTF("MODEL_MISUSE");
            out.writeInt(-7);
        }

        assertThatThrownBy(() -> StateSerdes.slots().deserializer().deserialize("t", bytes.toByteArray()))
                .isInstanceOf(SerializationException.class);
    }

    /** A slot of MODEL_MISUSE at 60 000 in the layout of the previous release (its tally begins with its count). */
    private static byte[] oldSlot(Map<String, Integer> countries, int[] severities, Map<String, Integer> sectors)
            throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(60_000);
            out.writeUTF("MODEL_MISUSE");
            out.writeInt(java.util.Arrays.stream(severities).sum());
            out.writeInt(0);
            writeCounts(out, countries);
            for (int n : severities) {
                out.writeInt(n);
            }
            writeCounts(out, sectors);
        }
        return bytes.toByteArray();
    }

    private static void writeCounts(java.io.DataOutputStream out, Map<String, Integer> counts) throws java.io.IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Integer> entry : new TreeMap<>(counts).entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue());
        }
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
