package io.aegis.replay.cli;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.AegisCli;
import io.aegis.replay.ReplayException;
import io.aegis.replay.domain.RecordedHistory;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.messaging.HistoryLoader;
import io.aegis.replay.report.HtmlTimeline;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.report.MarkdownTimeline;
import io.aegis.replay.report.ReportFiles;
import io.aegis.replay.timeline.MemberView;
import io.aegis.replay.timeline.TimelineAssembler;
import io.aegis.replay.timeline.TimelineQuery;
import io.aegis.replay.timeline.TimelineReport;
import io.aegis.schema.response.EmergencyCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code timeline}: reconstructs a case or a time range into an HTML report with JSON and Markdown exports. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Reconstruct what happened: timeline --case ID, or timeline --from T1 --to T2 [--country CC] [--category C].")
public final class TimelineCommand implements Callable<Integer> {

    @ParentCommand
    AegisCli parent;

    @Option(names = "--case", description = "Case id to follow")
    String caseId;

    @Option(names = "--from", description = "Start: ISO-8601 instant, 'now' or -PT2H (case: default opening time minus --lookback)")
    String from;

    @Option(names = "--to", description = "End (exclusive): ISO-8601 instant, 'now' or -PT2H (case: default now)")
    String to;

    @Option(names = "--country", description = "Only what involves this country (ISO 3166-1 alpha-2)")
    String country;

    @Option(names = "--category", description = "Only this signal category, e.g. DEEPFAKE_FRAUD")
    String category;

    @Option(names = "--as-seen-by", paramLabel = "CC", description = "A report for one member: only what that country"
            + " published, received or was told, as its origins' policies let it (ISO 3166-1 alpha-2)")
    String seenBy;

    @Option(names = "--lookback", defaultValue = "P7D", description = "For --case: how long before the case opened to look for its signals (default ${DEFAULT-VALUE})")
    Duration lookback;

    @Option(names = "--out", defaultValue = ".", description = "Directory for the report files (default ${DEFAULT-VALUE})")
    Path outDir;

    @Option(names = "--name", description = "Base name of the report files (default timeline or case-<ID>)")
    String name;

    @Override
    public Integer call() {
        ReplayContext context = parent.context();
        Instant now = context.clock().instant();
        HistoryLoader loader = context.historyLoader();
        TimelineQuery query = query(loader, now);
        RecordedHistory history = loader.load(query.range(), query.range(), TimeRange.ALL);
        TimelineReport report;
        if (seenBy == null) {
            report = TimelineAssembler.assemble(query, history, now);
        } else {
            if (!seenBy.matches("[A-Z]{2}")) {
                throw ReplayException.usage("--as-seen-by: '" + seenBy + "' must be an ISO 3166-1 alpha-2 code such as FR");
            }
            report = MemberView.label(TimelineAssembler.assemble(query, MemberView.of(history, seenBy), now), seenBy);
        }
        if (report.events().isEmpty()) {
            throw ReplayException.unavailable("nothing matches " + query.describe() + " between "
                    + query.range().from() + " and " + query.range().to());
        }
        Map<String, String> renderings = new LinkedHashMap<>();
        renderings.put("html", HtmlTimeline.render(report));
        renderings.put("json", JsonReport.render(report));
        renderings.put("md", MarkdownTimeline.render(report));
        List<Path> files = ReportFiles.write(outDir, baseName(), renderings);
        context.out().println(report.title() + ": " + report.events().size() + " events " + report.counts());
        report.notes().forEach(note -> context.out().println("note: " + note));
        files.forEach(file -> context.out().println("wrote " + file));
        return 0;
    }

    private TimelineQuery query(HistoryLoader loader, Instant now) {
        if (caseId == null) {
            if (from == null || to == null) {
                throw ReplayException.usage("timeline: give --case ID, or both --from and --to");
            }
            return new TimelineQuery(null, TimeRange.parse(from, to, now), country, TimelineQuery.category(category));
        }
        if (country != null || category != null) {
            throw ReplayException.usage("--case: cannot be combined with --country or --category");
        }
        EmergencyCase found = loader.findCase(caseId).orElseThrow(() -> ReplayException.unavailable(
                "case " + caseId + " is not in " + TopicNames.CASES + " (check the id and --namespace)"));
        Instant start = from != null ? TimeRange.parseInstant("--from", from, now) : found.getOpenedAt().minus(lookback);
        Instant end = to != null ? TimeRange.parseInstant("--to", to, now) : now.plusMillis(1);
        return new TimelineQuery(caseId, new TimeRange(start, end), null, null);
    }

    private String baseName() {
        if (name != null) {
            return name;
        }
        return caseId == null ? "timeline" : "case-" + caseId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
