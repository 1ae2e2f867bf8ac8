package io.aegis.escalation.topology;

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
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/** Serdes of the escalation state stores. Enums are written by name, so appended symbols stay readable. */
final class StateSerdes {

    private StateSerdes() {
    }

    static Serde<GroupState> groups() {
        return new BinarySerde<>("group state", StateSerdes::writeGroup, StateSerdes::readGroup);
    }

    static Serde<Slot> slots() {
        return new BinarySerde<>("slot", StateSerdes::writeSlot, StateSerdes::readSlot);
    }

    static Serde<Observation> observations() {
        return new BinarySerde<>("signal", StateSerdes::writeObservation, StateSerdes::readObservation);
    }

    static Serde<CategoryCounts> counts() {
        return new BinarySerde<>("baseline counts", StateSerdes::writeCategoryCounts, StateSerdes::readCategoryCounts);
    }

    private static void writeGroup(DataOutputStream out, GroupState group) throws IOException {
        out.writeUTF(group.id());
        out.writeLong(group.createdAt());
        out.writeLong(group.lastSeen());
        out.writeUTF(group.tier().name());
        out.writeInt(group.windows().size());
        for (Map.Entry<Long, WindowTally> window : group.windows().entrySet()) {
            out.writeLong(window.getKey());
            out.writeLong(window.getValue().boundary());
            out.writeInt(window.getValue().byCategory().size());
            for (Map.Entry<Category, Tally> entry : window.getValue().byCategory().entrySet()) {
                out.writeUTF(entry.getKey().name());
                writeTally(out, entry.getValue());
            }
        }
    }

    private static GroupState readGroup(DataInputStream in) throws IOException {
        String id = in.readUTF();
        long createdAt = in.readLong();
        long lastSeen = in.readLong();
        Tier tier = Tier.valueOf(in.readUTF());
        int windowCount = in.readInt();
        Map<Long, WindowTally> windows = new TreeMap<>();
        for (int w = 0; w < windowCount; w++) {
            long length = in.readLong();
            long boundary = in.readLong();
            int categories = in.readInt();
            Map<Category, Tally> byCategory = new EnumMap<>(Category.class);
            for (int c = 0; c < categories; c++) {
                byCategory.put(Category.valueOf(in.readUTF()), readTally(in));
            }
            windows.put(length, new WindowTally(boundary, byCategory));
        }
        return new GroupState(id, createdAt, lastSeen, tier, windows);
    }

    private static void writeSlot(DataOutputStream out, Slot slot) throws IOException {
        out.writeLong(slot.start());
        out.writeUTF(slot.category().name());
        writeTally(out, slot.tally());
    }

    private static Slot readSlot(DataInputStream in) throws IOException {
        return new Slot(in.readLong(), Category.valueOf(in.readUTF()), readTally(in));
    }

    /**
     * Tallies carry per-severity countries and sectors since format {@link #TALLY_BY_SEVERITY}, written
     * as a leading int. The previous layout began directly with the tally's count, never negative,
     * so the marker (a negative int) cannot be mistaken for it; both layouts are read.
     */
    static final int TALLY_BY_SEVERITY = Integer.MIN_VALUE + 2;

    private static void writeTally(DataOutputStream out, Tally tally) throws IOException {
        out.writeInt(TALLY_BY_SEVERITY);
        out.writeInt(tally.count());
        out.writeInt(tally.countOnly());
        writeCounts(out, tally.countries());
        for (int severity : tally.severities()) {
            out.writeInt(severity);
        }
        writeCounts(out, names(tally.criticalSectors()));
        for (int severity = 1; severity <= 5; severity++) {
            writeCounts(out, tally.countries(severity));
            writeCounts(out, names(tally.criticalSectors(severity)));
        }
    }

    private static Tally readTally(DataInputStream in) throws IOException {
        int first = in.readInt();
        if (first != TALLY_BY_SEVERITY && first < 0) {
            throw new IOException("unknown tally layout " + first);
        }
        boolean bySeverity = first == TALLY_BY_SEVERITY;
        int count = bySeverity ? in.readInt() : first;
        int countOnly = in.readInt();
        Map<String, Integer> countries = readCounts(in);
        int[] severities = new int[6];
        for (int s = 0; s < severities.length; s++) {
            severities[s] = in.readInt();
        }
        Map<Sector, Integer> sectors = readSectors(in);
        if (!bySeverity) {
            // written by the previous release: no per-severity countries or sectors (see withoutBreakdown)
            return Tally.withoutBreakdown(count, countOnly, countries, severities, sectors);
        }
        List<Map<String, Integer>> countriesBySeverity = new ArrayList<>(List.of(Map.of()));
        List<Map<Sector, Integer>> sectorsBySeverity = new ArrayList<>(List.of(Map.of()));
        for (int severity = 1; severity <= 5; severity++) {
            countriesBySeverity.add(readCounts(in));
            sectorsBySeverity.add(readSectors(in));
        }
        return new Tally(count, countOnly, countries, severities, sectors, countriesBySeverity, sectorsBySeverity);
    }

    private static Map<String, Integer> names(Map<Sector, Integer> sectors) {
        Map<String, Integer> named = new TreeMap<>();
        sectors.forEach((s, n) -> named.put(s.name(), n));
        return named;
    }

    private static Map<Sector, Integer> readSectors(DataInputStream in) throws IOException {
        Map<Sector, Integer> sectors = new EnumMap<>(Sector.class);
        readCounts(in).forEach((s, c) -> sectors.put(Sector.valueOf(s), c));
        return sectors;
    }

    private static void writeObservation(DataOutputStream out, Observation o) throws IOException {
        out.writeUTF(o.signalId());
        out.writeUTF(o.country());
        out.writeUTF(o.category().name());
        out.writeByte(o.severity());
        out.writeLong(o.timestamp());
        out.writeBoolean(o.countOnly());
        out.writeByte(o.criticalSectors().size());
        for (Sector sector : o.criticalSectors()) {
            out.writeUTF(sector.name());
        }
        // need-to-know facts, appended so that signals stored before they existed still read
        out.writeUTF(o.attribution().name());
        out.writeInt(o.audience().size());
        for (Map.Entry<String, Long> delivery : o.audience().entrySet()) {
            out.writeUTF(delivery.getKey());
            out.writeLong(delivery.getValue());
        }
    }

    private static Observation readObservation(DataInputStream in) throws IOException {
        String id = in.readUTF();
        String country = in.readUTF();
        Category category = Category.valueOf(in.readUTF());
        int severity = in.readByte();
        long timestamp = in.readLong();
        boolean countOnly = in.readBoolean();
        int sectorCount = in.readByte();
        Set<Sector> sectors = EnumSet.noneOf(Sector.class);
        for (int s = 0; s < sectorCount; s++) {
            sectors.add(Sector.valueOf(in.readUTF()));
        }
        if (in.available() == 0) {
            // stored before need-to-know facts existed: anonymous, delivered to nobody (fail closed)
            return new Observation(id, country, category, sectors, severity, timestamp, countOnly);
        }
        Attribution attribution = Attribution.valueOf(in.readUTF());
        int deliveries = in.readInt();
        SortedMap<String, Long> audience = new TreeMap<>();
        for (int d = 0; d < deliveries; d++) {
            audience.put(in.readUTF(), in.readLong());
        }
        return new Observation(id, country, category, sectors, severity, timestamp, countOnly, attribution, audience);
    }

    private static void writeCategoryCounts(DataOutputStream out, CategoryCounts counts) throws IOException {
        out.writeInt(counts.buckets().size());
        for (Map.Entry<Long, Long> bucket : counts.buckets().entrySet()) {
            out.writeLong(bucket.getKey());
            out.writeLong(bucket.getValue());
        }
    }

    private static CategoryCounts readCategoryCounts(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<Long, Long> buckets = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            buckets.put(in.readLong(), in.readLong());
        }
        return new CategoryCounts(buckets);
    }

    private static void writeCounts(DataOutputStream out, Map<String, Integer> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue());
        }
    }

    private static Map<String, Integer> readCounts(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            counts.put(in.readUTF(), in.readInt());
        }
        return counts;
    }
}
