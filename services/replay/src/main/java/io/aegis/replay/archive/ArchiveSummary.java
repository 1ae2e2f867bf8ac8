package io.aegis.replay.archive;

import java.nio.file.Path;
import java.util.Set;

/**
 * What an export or import moved.
 *
 * @param topic     topic read (export) or written (import)
 * @param records   number of records
 * @param schemaIds writer schema ids involved
 * @param file      the archive file
 */
public record ArchiveSummary(String topic, long records, Set<Integer> schemaIds, Path file) {

    public ArchiveSummary {
        schemaIds = Set.copyOf(schemaIds);
    }
}
