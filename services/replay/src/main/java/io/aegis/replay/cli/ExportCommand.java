package io.aegis.replay.cli;

import io.aegis.replay.AegisCli;
import io.aegis.replay.ReplayException;
import io.aegis.replay.archive.ArchiveExporter;
import io.aegis.replay.archive.ArchiveSummary;
import io.aegis.replay.domain.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code export}: writes a topic range to an Avro container file with its writer schemas. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a topic range (or every readable Aegis topic) to Avro container files (records as bytes, writer schemas in the metadata).")
public final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    AegisCli parent;

    @Option(names = "--topic", description = "Aegis topic name, e.g. aegis.routing.audit (the namespace prefix is added)")
    String topic;

    @Option(names = "--all", description = "Every Aegis topic this principal can read, one archive per topic (<topic>.avro) in --dir: "
            + "what verify --archive needs to check a range with no broker")
    boolean all;

    @Option(names = "--dir", description = "With --all: the directory to write the archives to (created if absent)")
    Path dir;

    @Option(names = "--from", defaultValue = "1970-01-01T00:00:00Z", description = "Start (default: the beginning)")
    String from;

    @Option(names = "--to", defaultValue = "now", description = "End, exclusive (default: now)")
    String to;

    @Option(names = "--file", description = "With --topic: the archive file to write")
    Path file;

    @Override
    public Integer call() {
        if (all == (topic != null) || (all && dir == null) || (!all && file == null)) {
            throw ReplayException.usage("give either --topic and --file, or --all and --dir");
        }
        ReplayContext context = parent.context();
        TimeRange range = TimeRange.parse(from, to, context.clock().instant());
        ArchiveExporter exporter = new ArchiveExporter(context.kafka(), context.reader(), context.registry()::getSchemaById);
        if (!all) {
            report(context, range, exporter.export(context.namespace().topic(topic), range, file));
            return 0;
        }
        String prefix = context.namespace().topic("aegis.");
        List<String> topics = context.kafka().listTopics(name -> name.startsWith(prefix));
        if (topics.isEmpty()) {
            throw ReplayException.unavailable("no topic starting with " + prefix + " is visible to this principal");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw ReplayException.usage("--dir: " + dir + " cannot be created (" + e.getMessage() + ")");
        }
        for (String name : topics) {
            report(context, range, exporter.export(name, range, dir.resolve(name + ".avro")));
        }
        return 0;
    }

    private static void report(ReplayContext context, TimeRange range, ArchiveSummary summary) {
        context.out().println("exported " + summary.records() + " records of " + summary.topic() + " (" + range
                + ", writer schemas " + summary.schemaIds() + ") to " + summary.file());
    }
}
