package io.aegis.replay.cli;

import io.aegis.replay.AegisCli;
import io.aegis.policy.Members;
import io.aegis.replay.ReplayException;
import io.aegis.replay.archive.ArchiveRecordSource;
import io.aegis.replay.messaging.HistoryLoader;
import io.aegis.replay.messaging.RecordDecoder;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.report.ReportFiles;
import io.aegis.replay.verify.EvidenceVerifier;
import io.aegis.replay.verify.VerificationReport;
import io.aegis.replay.verify.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code verify}: checks the evidence of a range and names every violation. Exit 0 when clean,
 * 1 when any violation is found, 3 with {@code --require-complete} when something could not be checked.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check hash chains, signatures, content hashes and the non-leak invariant over a range.")
public final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    AegisCli parent;

    @Option(names = "--from", description = "Start: ISO-8601 instant, 'now' or -PT2H (required on the live cluster; "
            + "with --archive the default is the archives' beginning)")
    String from;

    @Option(names = "--to", description = "End (exclusive; required on the live cluster, with --archive the default is now)")
    String to;

    @Option(names = "--archive", description = "Verify exported archives instead of the live cluster, with no broker, "
            + "registry or network: an archive file or a directory of *.avro archives; repeatable")
    List<Path> archives = new ArrayList<>();

    @Option(names = "--lookback", defaultValue = "PT24H",
            description = "How far before --from to read the routing audit, for deliveries decided earlier (default ${DEFAULT-VALUE})")
    Duration lookback;

    @Option(names = "--report", description = "Also write the result as JSON to this directory (verify.json)")
    Path reportDir;

    @Option(names = "--require-complete", description = "Fail (exit 3) when any record or topic could not be checked")
    boolean requireComplete;

    @Override
    public Integer call() {
        if (!archives.isEmpty()) {
            return offline();
        }
        if (from == null || to == null) {
            throw ReplayException.usage("--from and --to are required when verifying the live cluster");
        }
        ReplayContext context = parent.context();
        TimeRange range = TimeRange.parse(from, to, context.clock().instant());
        return finish(verify(context.historyLoader(), range, context.members(), false), context.out());
    }

    /** The archives alone: no broker, no registry (their writer schemas travel with them), no network. */
    private Integer offline() {
        AegisCli.OfflineContext context = parent.offline();
        ArchiveRecordSource source = ArchiveRecordSource.open(archives);
        TimeRange range = TimeRange.parse(from == null ? "1970-01-01T00:00:00Z" : from, to == null ? "now" : to,
                context.clock().instant());
        context.out().println("offline: " + source.files().size() + " archive(s), topics " + source.listTopics(t -> true)
                + (context.members().isPresent() ? "" : "; no members file: signatures cannot be checked"));
        HistoryLoader loader = new HistoryLoader(source, new RecordDecoder(source), context.namespace());
        return finish(verify(loader, range, context.members(), true), context.out());
    }

    /**
     * Loads the range (the routing audit from {@code --lookback} earlier) and checks it; from archives an
     * undecodable record is a violation (see {@link #withUndecodable}).
     */
    private VerificationReport verify(HistoryLoader loader, TimeRange range, Optional<Members> members, boolean archives) {
        TimeRange auditRange = new TimeRange(range.from().minus(lookback), range.to());
        RecordedHistory history = loader.load(range, auditRange, range);
        VerificationReport report = EvidenceVerifier.verify(range, history, members);
        return archives ? withUndecodable(report, history) : report;
    }

    /**
     * In an archive every record was readable when it was exported: one that no longer decodes as its
     * topic's contract was altered since, which is a violation rather than a gap.
     */
    static VerificationReport withUndecodable(VerificationReport report, RecordedHistory history) {
        if (history.undecodable().isEmpty()) {
            return report;
        }
        List<Violation> violations = new ArrayList<>(report.violations());
        for (String failure : history.undecodable()) {
            int cut = failure.indexOf(": ");
            violations.add(new Violation("archive", failure.substring(0, cut), failure.substring(cut + 2)
                    + "; the record was altered after export, or is not what its topic carries"));
        }
        List<String> unchecked = report.unchecked().stream().filter(note -> !note.startsWith("skipped undecodable record")).toList();
        return new VerificationReport(report.from(), report.to(), report.checked(), violations, unchecked);
    }

    private Integer finish(VerificationReport report, PrintStream out) {
        print(report, out);
        if (reportDir != null) {
            ReportFiles.write(reportDir, "verify", Map.of("json", JsonReport.render(report)))
                    .forEach(file -> out.println("wrote " + file));
        }
        if (!report.clean()) {
            return 1;
        }
        return requireComplete && !report.complete() ? ReplayException.UNAVAILABLE : 0;
    }

    static void print(VerificationReport report, PrintStream out) {
        report.checked().forEach((check, count) -> out.println("checked " + check + ": " + count));
        report.violations().forEach(violation -> out.println("VIOLATION " + violation));
        report.unchecked().forEach(note -> out.println("UNCHECKED " + note));
        out.println(report.clean()
                ? "verify: no violations between " + report.from() + " and " + report.to()
                        + (report.complete() ? "" : " (incomplete, see UNCHECKED)")
                : "verify: " + report.violations().size() + " violation(s) between " + report.from() + " and " + report.to());
    }
}
