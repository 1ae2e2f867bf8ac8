package io.aegis.replay.archive;

import io.aegis.replay.ReplayException;
import io.aegis.replay.messaging.KafkaAccess;
import io.aegis.replay.messaging.ProgressReporter;
import io.aegis.replay.messaging.RawRecord;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads an archive into a topic, typically a sandbox copy ({@code sandbox.aegis.routing.audit}).
 * Invariants: records keep their partition, timestamp, key, headers and value bytes; the only
 * byte that may change is the 4-byte schema id, and only when the target registry assigns the
 * writer schema a different id. Refuses to write into a live {@code aegis.*} topic unless told to.
 */
public final class ArchiveImporter {

    private static final String LIVE_PREFIX = "aegis.";

    private final KafkaAccess kafka;
    private final SchemaRegistrar registrar;
    private final ProgressReporter progress;

    public ArchiveImporter(KafkaAccess kafka, SchemaRegistrar registrar, ProgressReporter progress) {
        this.kafka = kafka;
        this.registrar = registrar;
        this.progress = progress;
    }

    /**
     * Imports {@code file} into {@code targetTopic} (created with the source's partition count if
     * missing). {@code allowLive} must be true to write into a live {@code aegis.*} topic.
     */
    public ArchiveSummary importFile(Path file, String targetTopic, boolean allowLive) {
        if (targetTopic.startsWith(LIVE_PREFIX) && !allowLive) {
            throw ReplayException.usage("--target " + targetTopic + ": refusing to write into a live aegis.* topic;"
                    + " use a sandbox prefix (--prefix sandbox.) or pass --allow-live");
        }
        try (ArchiveReader archive = new ArchiveReader(file)) {
            int partitions = archive.sourcePartitions();
            kafka.createTopic(targetTopic, partitions);
            int targetPartitions = kafka.partitionsOf(targetTopic).size();
            if (targetPartitions < partitions) {
                throw ReplayException.usage("--target " + targetTopic + ": has " + targetPartitions
                        + " partitions, the archive needs " + partitions + " to keep record placement");
            }
            Map<Integer, Integer> idMap = registerSchemas(archive.writerSchemas(), targetTopic);
            long count = produce(archive, targetTopic, idMap);
            return new ArchiveSummary(targetTopic, count, Set.copyOf(idMap.values()), file);
        }
    }

    private Map<Integer, Integer> registerSchemas(Map<Integer, Schema> schemas, String targetTopic) {
        Map<Integer, Integer> idMap = new HashMap<>();
        schemas.forEach((id, schema) -> idMap.put(id, registrar.register(targetTopic + "-value", schema)));
        return idMap;
    }

    private long produce(ArchiveReader archive, String targetTopic, Map<Integer, Integer> idMap) {
        progress.start("import " + targetTopic, archive.recordCount());
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long count = 0;
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer()) {
            for (RawRecord record : archive) {
                producer.send(toProducerRecord(record, targetTopic, idMap), (metadata, error) -> {
                    if (error != null) {
                        firstFailure.compareAndSet(null, error);
                    }
                });
                count++;
                progress.advance(1);
            }
            producer.flush();
        } catch (KafkaException e) {
            throw KafkaAccess.translateWrite(targetTopic, e);
        }
        if (firstFailure.get() != null) {
            throw KafkaAccess.translateWrite(targetTopic, firstFailure.get());
        }
        progress.finish();
        return count;
    }

    static ProducerRecord<byte[], byte[]> toProducerRecord(RawRecord record, String targetTopic,
                                                          Map<Integer, Integer> idMap) {
        byte[] value = record.value();
        Integer sourceId = ArchiveFormat.schemaIdOf(value);
        if (sourceId != null && idMap.containsKey(sourceId) && !idMap.get(sourceId).equals(sourceId)) {
            value = ArchiveFormat.withSchemaId(value, idMap.get(sourceId));
        }
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        record.headers().forEach(header -> headers.add(new RecordHeader(header.key(), header.value())));
        return new ProducerRecord<>(targetTopic, record.partition(), record.timestamp(), record.key(), value, headers);
    }
}
