package io.aegis.replay.archive;

import io.aegis.replay.ReplayException;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.messaging.KafkaAccess;
import io.aegis.replay.messaging.RawRecord;
import io.aegis.replay.messaging.RecordSource;
import org.apache.avro.Schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Recorded history read from exported archives alone: no broker, no registry, no network. Each
 * archive brings its records (bytes as the broker held them) and the writer schemas they need.
 * Invariants: records of a topic are handed over per partition in offset order, whatever the order
 * of the files; two archives that disagree on a schema id, or hold the same record with different
 * bytes, are refused rather than one silently preferred.
 */
public final class ArchiveRecordSource implements RecordSource, SchemaLookup {

    private final Map<String, List<RawRecord>> topics = new TreeMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final List<Path> files = new ArrayList<>();
    private final Map<String, RawRecord> seen = new HashMap<>();

    private ArchiveRecordSource() {
    }

    /** The archives at {@code paths}: files, or directories whose {@code *.avro} files are read. */
    public static ArchiveRecordSource open(List<Path> paths) {
        ArchiveRecordSource source = new ArchiveRecordSource();
        for (Path path : paths) {
            for (Path file : files(path)) {
                source.add(file);
            }
        }
        if (source.files.isEmpty()) {
            throw ReplayException.usage("--archive: no archive files in " + paths);
        }
        source.topics.values().forEach(records -> records.sort(Comparator.comparingInt(RawRecord::partition)
                .thenComparingLong(RawRecord::offset)));
        return source;
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".avro")).sorted().toList();
        } catch (IOException e) {
            throw ReplayException.usage("--archive: " + path + " cannot be listed (" + e.getMessage() + ")");
        }
    }

    private void add(Path file) {
        try (ArchiveReader reader = new ArchiveReader(file)) {
            reader.writerSchemas().forEach((id, schema) -> {
                Schema known = schemas.putIfAbsent(id, schema);
                if (known != null && !known.equals(schema)) {
                    throw ReplayException.usage("--archive: " + file + " gives schema id " + id + " another schema than an earlier archive");
                }
            });
            for (RawRecord record : reader) {
                RawRecord same = seen.putIfAbsent(record.coordinates(), record);
                if (same == null) {
                    topics.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
                } else if (!java.util.Arrays.equals(same.key(), record.key()) || !java.util.Arrays.equals(same.value(), record.value())) {
                    throw ReplayException.usage("--archive: " + file + " holds " + record.coordinates()
                            + " with other bytes than an earlier archive");
                }
            }
            files.add(file);
        }
    }

    /** The archive files read, in order. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    @Override
    public long read(String topic, TimeRange range, Consumer<RawRecord> sink) {
        List<RawRecord> records = topics.get(topic);
        if (records == null) {
            throw ReplayException.unavailable("topic " + topic + " is in none of the archives");
        }
        long delivered = 0;
        for (RawRecord record : records) {
            if (range.contains(record.time())) {
                sink.accept(record);
                delivered++;
            }
        }
        return delivered;
    }

    @Override
    public List<String> listTopics(Predicate<String> filter) {
        return topics.keySet().stream().filter(filter).toList();
    }

    @Override
    public KafkaAccess.Visibility visibility(String topic) {
        return topics.containsKey(topic) ? KafkaAccess.Visibility.VISIBLE : KafkaAccess.Visibility.MISSING;
    }

    @Override
    public boolean requiresSharedTopics() {
        return false;
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = schemas.get(id);
        if (schema == null) {
            throw ReplayException.unavailable("writer schema " + id + " is in none of the archives");
        }
        return schema;
    }
}
