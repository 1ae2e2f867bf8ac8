package io.aegis.replay.messaging;

import io.aegis.replay.domain.TimeRange;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where recorded history is read from: the live cluster, or exported archives examined with no
 * broker and no network. Records come in partition-offset order per partition, as the broker held
 * them, bytes untouched.
 */
public interface RecordSource {

    /** Streams the records of {@code topic} in {@code range} to {@code sink}; returns how many were delivered. */
    long read(String topic, TimeRange range, Consumer<RawRecord> sink);

    /** The topics this source holds (and the reader may see) that match {@code filter}, sorted. */
    List<String> listTopics(Predicate<String> filter);

    /** What the source says of a topic it did not list. */
    KafkaAccess.Visibility visibility(String topic);

    /**
     * True when the shared topics must be readable for a history to be loaded at all (the live
     * cluster); archives may hold any subset, and what they lack is noted as not checked.
     */
    boolean requiresSharedTopics();

    /** The live cluster: the operator principal's view through its grants. */
    static RecordSource kafka(KafkaAccess kafka, TopicRangeReader reader) {
        return new RecordSource() {
            @Override
            public long read(String topic, TimeRange range, Consumer<RawRecord> sink) {
                return reader.read(topic, range, sink);
            }

            @Override
            public List<String> listTopics(Predicate<String> filter) {
                return kafka.listTopics(filter);
            }

            @Override
            public KafkaAccess.Visibility visibility(String topic) {
                return kafka.visibility(topic);
            }

            @Override
            public boolean requiresSharedTopics() {
                return true;
            }
        };
    }
}
