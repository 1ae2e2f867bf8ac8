package io.aegis.response.topology;

import io.aegis.schema.response.CaseFold;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Puts a fold step on the partition of the folds topic whose number is the partition of the workflow's
 * repartition topics its routing group hashes to (the producer's default: murmur2 of the UTF-8 key,
 * modulo the workflow's partition count), so that it reaches the task holding the cases of that group
 * whatever the folds topic's own partition count (at least the workflow's).
 */
final class FoldPartitioner implements StreamPartitioner<String, CaseFold> {

    private final int partitions;

    FoldPartitioner(int partitions) {
        this.partitions = partitions;
    }

    /** The partition of the workflow's repartition topics that records keyed by this routing group go to. */
    static int partitionOf(String routingGroup, int partitions) {
        return Utils.toPositive(Utils.murmur2(routingGroup.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, CaseFold value, int numPartitions) {
        if (numPartitions < partitions) {
            throw new IllegalStateException(topic + " has " + numPartitions + " partitions, fewer than the workflow's "
                    + partitions + " (aegis.response.partitions): folds would reach the wrong task");
        }
        return Optional.of(Set.of(partitionOf(key, partitions)));
    }
}
