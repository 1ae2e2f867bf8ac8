package io.aegis.replay.cli;

import io.aegis.escalation.domain.Escalations;
import io.aegis.escalation.domain.EscalationRules;
import io.aegis.escalation.domain.RulesParser;
import io.aegis.escalation.domain.RulesValidationException;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.replay.AegisCli;
import io.aegis.replay.ReplayException;
import io.aegis.replay.domain.Recorded;
import io.aegis.replay.domain.TimeRange;
import io.aegis.replay.messaging.RecordDecoder;
import io.aegis.replay.messaging.TopicRangeReader;
import io.aegis.replay.report.JsonReport;
import io.aegis.replay.report.MarkdownWhatIf;
import io.aegis.replay.report.ReportFiles;
import io.aegis.replay.whatif.EscalationDiff;
import io.aegis.replay.whatif.EscalationRun;
import io.aegis.replay.whatif.ResponseTiming;
import io.aegis.replay.whatif.WhatIfReport;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code what-if}: re-runs the escalation topology offline over the recorded coordination signals
 * with candidate rules and reports escalations gained, lost, earlier and later, with what each
 * means for the response workflow's clocks. Reads only; writes nothing to Kafka.
 */
@Command(name = "what-if", mixinStandardHelpOptions = true,
        description = "Re-run escalation rules over recorded coordination signals and compare with what happened.")
public final class WhatIfCommand implements Callable<Integer> {

    @ParentCommand
    AegisCli parent;

    @Option(names = "--from", required = true, description = "Start of the compared range")
    String from;

    @Option(names = "--to", required = true, description = "End of the compared range (exclusive)")
    String to;

    @Option(names = "--rules", required = true, description = "Candidate escalation rules (format of infra/escalation-rules.yaml)")
    Path rulesFile;

    @Option(names = "--baseline-rules", description = "Compare with a re-run of these rules instead of the recorded escalations")
    Path baselineFile;

    @Option(names = "--response-rules", description = "Response workflow rules for case opening and ack deadlines (default infra/response.yaml if present)")
    Path responseFile;

    @Option(names = "--out", description = "Also write whatif.json and whatif.md into this directory")
    Path outDir;

    @Option(names = "--fail-on-change", description = "Exit 1 when the candidate rules change anything")
    boolean failOnChange;

    @Override
    public Integer call() {
        ReplayContext context = parent.context();
        TimeRange range = TimeRange.parse(from, to, context.clock().instant());
        EscalationRules candidate = rules("--rules", rulesFile);
        EscalationRules baseline = baselineFile == null ? null : rules("--baseline-rules", baselineFile);
        // Everything the topics still hold before the range shapes the tiers in it, not only the windows:
        // a group escalated weeks ago is kept (and does not announce its tier again) for as long as it
        // is active, the surge baseline trails for days, and a resolved case retired its group. So the
        // re-runs start from the first retained record, as the service's state did.
        TimeRange warmUp = new TimeRange(Instant.EPOCH, range.to());
        List<Recorded<CoordinationSignal>> signals =
                read(context, TopicNames.COORDINATION_SIGNALS, warmUp, CoordinationSignal.class);
        if (signals.isEmpty()) {
            throw ReplayException.unavailable("no coordination signals recorded up to " + range.to()
                    + ": nothing to re-run");
        }
        // resolved cases retire their groups in the service: the re-runs see them at their recorded times
        List<Recorded<EmergencyCase>> cases = read(context, TopicNames.CASES, warmUp, EmergencyCase.class);
        List<Escalation> actual = baseline != null ? EscalationRun.run(baseline, signals, cases)
                : read(context, TopicNames.ESCALATIONS, range, Escalation.class).stream().map(Recorded::value)
                        .filter(Escalations::isTierChange).toList();
        WhatIfReport report = EscalationDiff.compare(range, actual, EscalationRun.run(candidate, signals, cases), timing(),
                rulesFile.toString(), baselineFile == null ? "recorded escalations" : baselineFile.toString(), signals.size());
        String markdown = MarkdownWhatIf.render(report);
        context.out().print(markdown);
        if (outDir != null) {
            Map<String, String> renderings = new LinkedHashMap<>();
            renderings.put("json", JsonReport.render(report));
            renderings.put("md", markdown);
            ReportFiles.write(outDir, "whatif", renderings).forEach(file -> context.out().println("wrote " + file));
        }
        return failOnChange && report.changed() ? 1 : 0;
    }

    private static EscalationRules rules(String option, Path file) {
        if (!Files.isReadable(file)) {
            throw ReplayException.usage(option + ": " + file + " does not exist or is not readable");
        }
        try {
            return RulesParser.parse(file);
        } catch (RulesValidationException e) {
            throw ReplayException.usage(option + ": " + file + " is not valid: " + String.join("; ", e.violations()));
        }
    }

    private ResponseTiming timing() {
        if (responseFile != null) {
            return ResponseTiming.load(responseFile);
        }
        Path fallback = Path.of("infra", "response.yaml");
        return Files.isReadable(fallback) ? ResponseTiming.load(fallback) : ResponseTiming.DEFAULT;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<Recorded<T>> read(
            ReplayContext context, String aegisTopic, TimeRange range, Class<T> type) {
        TopicRangeReader reader = context.reader();
        RecordDecoder decoder = context.decoder();
        List<Recorded<T>> records = new ArrayList<>();
        reader.read(context.namespace().topic(aegisTopic), range, raw -> records.add(new Recorded<>(raw.topic(),
                raw.partition(), raw.offset(), raw.timestamp(), raw.keyText(), decoder.decode(raw, type))));
        return records;
    }
}
