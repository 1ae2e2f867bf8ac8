package io.aegis.replay.cli;

import io.aegis.replay.AegisCli;
import io.aegis.replay.archive.ArchiveExporter;
import io.aegis.replay.archive.ArchiveSummary;
import io.aegis.replay.domain.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code export}: writes a topic range to an Avro container file with its writer schemas. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a topic range to an Avro container file (records as bytes, writer schemas in the metadata).")
public final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    AegisCli parent;

    @Option(names = "--topic", required = true, description = "Aegis topic name, e.g. aegis.routing.audit (the namespace prefix is added)")
    String topic;

    @Option(names = "--from", defaultValue = "1970-01-01T00:00:00Z", description = "Start (default: the beginning)")
    String from;

    @Option(names = "--to", defaultValue = "now", description = "End, exclusive (default: now)")
    String to;

    @Option(names = "--file", required = true, description = "Archive file to write")
    Path file;

    @Override
    public Integer call() {
        ReplayContext context = parent.context();
        TimeRange range = TimeRange.parse(from, to, context.clock().instant());
        ArchiveExporter exporter = new ArchiveExporter(context.kafka(), context.reader(), context.registry()::getSchemaById);
        ArchiveSummary summary = exporter.export(context.namespace().topic(topic), range, file);
        context.out().println("exported " + summary.records() + " records of " + summary.topic() + " (" + range
                + ", writer schemas " + summary.schemaIds() + ") to " + summary.file());
        return 0;
    }
}
