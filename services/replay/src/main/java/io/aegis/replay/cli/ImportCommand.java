package io.aegis.replay.cli;

import io.aegis.replay.AegisCli;
import io.aegis.replay.ReplayException;
import io.aegis.replay.archive.ArchiveImporter;
import io.aegis.replay.archive.ArchiveReader;
import io.aegis.replay.archive.ArchiveSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code import}: loads an archive into a topic, by default the source topic under the
 * {@code sandbox.} prefix. Writing into a live {@code aegis.*} topic needs {@code --allow-live}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an archive into a topic (default: sandbox.<source topic>), keeping partitions, timestamps, keys, headers and bytes.")
public final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    AegisCli parent;

    @Option(names = "--file", required = true, description = "Archive file written by export")
    Path file;

    @Option(names = "--target", description = "Exact target topic")
    String target;

    @Option(names = "--prefix", defaultValue = "sandbox.", description = "Prefix put before the source topic when --target is not given (default ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--allow-live", description = "Allow writing into a live aegis.* topic")
    boolean allowLive;

    @Override
    public Integer call() {
        ReplayContext context = parent.context();
        String topic = target;
        if (topic == null) {
            try (ArchiveReader archive = new ArchiveReader(file)) {
                topic = prefix + archive.sourceTopic();
            }
        }
        if (topic.isBlank()) {
            throw ReplayException.usage("--target: must not be blank");
        }
        ArchiveImporter importer = new ArchiveImporter(context.kafka(), context.registry()::register, context.progress());
        ArchiveSummary summary = importer.importFile(file, topic, allowLive);
        context.out().println("imported " + summary.records() + " records from " + file + " into " + summary.topic()
                + " (schema ids " + summary.schemaIds() + ")");
        return 0;
    }
}
