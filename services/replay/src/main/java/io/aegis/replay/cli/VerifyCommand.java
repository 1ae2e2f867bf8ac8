package io.aegis.replay.cli;

import io.aegis.replay.AegisCli;
import io.aegis.replay.ReplayException;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.report.ReportFiles;
import io.aegis.replay.verify.EvidenceVerifier;
import io.aegis.replay.verify.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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

    @Option(names = "--from", required = true, description = "Start: ISO-8601 instant, 'now' or -PT2H")
    String from;

    @Option(names = "--to", required = true, description = "End (exclusive)")
    String to;

    @Option(names = "--lookback", defaultValue = "PT24H",
            description = "How far before --from to read the routing audit, for deliveries decided earlier (default ${DEFAULT-VALUE})")
    Duration lookback;

    @Option(names = "--report", description = "Also write the result as JSON to this directory (verify.json)")
    Path reportDir;

    @Option(names = "--require-complete", description = "Fail (exit 3) when any record or topic could not be checked")
    boolean requireComplete;

    @Override
    public Integer call() {
        ReplayContext context = parent.context();
        Instant now = context.clock().instant();
        TimeRange range = TimeRange.parse(from, to, now);
        TimeRange auditRange = new TimeRange(range.from().minus(lookback), range.to());
        RecordedHistory history = context.historyLoader().load(range, auditRange, range);
        VerificationReport report = EvidenceVerifier.verify(range, history, context.members());
        print(report, context.out());
        if (reportDir != null) {
            ReportFiles.write(reportDir, "verify", Map.of("json", JsonReport.render(report)))
                    .forEach(file -> context.out().println("wrote " + file));
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
