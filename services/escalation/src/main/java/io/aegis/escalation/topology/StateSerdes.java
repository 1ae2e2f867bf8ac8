package io.aegis.escalation.topology;

import io.aegis.escalation.domain.CategoryCounts;
import io.aegis.escalation.domain.GroupState;
import io.aegis.escalation.domain.Observation;
import io.aegis.escalation.domain.Slot;
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
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/** Serdes of the escalation state stores. Enums are written by name, so appended symbols stay readable. */
final class StateSerdes {

    private StateSerdes() {
    }

    static Serde<GroupState> groups() {
        return new BinarySerde<>("group state", StateSerdes::writeGroup, StateSerdes::readGroup);
    }

    static Serde<List<Observation>> observations() {
        return new BinarySerde<>("slot signals", StateSerdes::writeObservations, StateSerdes::readObservations);
    }

    static Serde<CategoryCounts> counts() {
        return new BinarySerde<>("baseline counts", StateSerdes::writeCategoryCounts, StateSerdes::readCategoryCounts);
    }

    private static void writeGroup(DataOutputStream out, GroupState group) throws IOException {
        out.writeUTF(group.id());
        out.writeLong(group.createdAt());
        out.writeLong(group.lastSeen());
        out.writeUTF(group.tier().name());
        out.writeInt(group.slots().size());
        for (Slot slot : group.slots()) {
            out.writeLong(slot.start());
            out.writeUTF(slot.category().name());
            out.writeInt(slot.count());
            out.writeInt(slot.countOnly());
            writeTally(out, slot.countries());
            for (int severity : slot.severities()) {
                out.writeInt(severity);
            }
            Map<String, Integer> sectors = new TreeMap<>();
            slot.criticalSectors().forEach((s, n) -> sectors.put(s.name(), n));
            writeTally(out, sectors);
        }
    }

    private static GroupState readGroup(DataInputStream in) throws IOException {
        String id = in.readUTF();
        long createdAt = in.readLong();
        long lastSeen = in.readLong();
        Tier tier = Tier.valueOf(in.readUTF());
        int n = in.readInt();
        List<Slot> slots = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long start = in.readLong();
            Category category = Category.valueOf(in.readUTF());
            int count = in.readInt();
            int countOnly = in.readInt();
            Map<String, Integer> countries = readTally(in);
            int[] severities = new int[6];
            for (int s = 0; s < severities.length; s++) {
                severities[s] = in.readInt();
            }
            Map<Sector, Integer> sectors = new EnumMap<>(Sector.class);
            readTally(in).forEach((s, c) -> sectors.put(Sector.valueOf(s), c));
            slots.add(new Slot(start, category, count, countOnly, countries, severities, sectors));
        }
        return new GroupState(id, createdAt, lastSeen, tier, slots);
    }

    private static void writeObservations(DataOutputStream out, List<Observation> observations) throws IOException {
        out.writeInt(observations.size());
        for (Observation o : observations) {
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
        }
    }

    private static List<Observation> readObservations(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Observation> observations = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
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
            observations.add(new Observation(id, country, category, sectors, severity, timestamp, countOnly));
        }
        return observations;
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

    private static void writeTally(DataOutputStream out, Map<String, Integer> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue());
        }
    }

    private static Map<String, Integer> readTally(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            counts.put(in.readUTF(), in.readInt());
        }
        return counts;
    }
}
