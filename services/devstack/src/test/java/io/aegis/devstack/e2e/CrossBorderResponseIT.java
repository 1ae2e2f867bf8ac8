package io.aegis.devstack.e2e;

import io.aegis.devstack.security.StackLogins;
import io.aegis.kafka.security.AclPlan;

import static io.aegis.devstack.e2e.ReplayReport.caseStep;
import static io.aegis.devstack.e2e.ReplayReport.decisionTexts;
import static io.aegis.devstack.e2e.ReplayReport.decisions;
import static io.aegis.devstack.e2e.ReplayReport.details;
import static io.aegis.devstack.e2e.ReplayReport.ofKind;
import static io.aegis.devstack.e2e.ReplayReport.onlyFile;
import static io.aegis.devstack.e2e.ReplayReport.outcomes;
import static io.aegis.devstack.e2e.ReplayReport.read;
import static io.aegis.devstack.e2e.ReplayReport.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.aegis.devstack.bench.IsolatedStack;
import io.aegis.devstack.demo.NodeClient;
import io.aegis.devstack.domain.DemoRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The whole network end to end, every service its own process as the devstack runs it: signals
 * posted at three nodes about one campaign travel through router and escalation into a joint case,
 * the involved duty officers are notified on their SSE streams, acknowledge, pass a joint action
 * by quorum and resolve the case; and an AMBER signal never reaches a member its origin's policy
 * withholds it from. The network is asserted through the node APIs only, as a member would see it;
 * then an operator replays what the services recorded with {@code ./aegis-ops}, run as its own
 * process against the same broker and registry: the resolved case's timeline holds what the members
 * saw happen, and the evidence of the whole run verifies clean.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossBorderResponseIT {

    private static final List<String> COUNTRIES = List.of("FR", "DE", "JP", "BR", "KE");
    private static final List<String> REPORTERS = List.of("FR", "DE", "JP");
    private static final Duration STEP = Duration.ofSeconds(90);
    private static final Duration CLI_RUN = Duration.ofMinutes(2);

    private static IsolatedStack stack;
    private static OfficerStreams streams;
    private static Instant recordingStart;
    private static OperatorCli operator;
    /** The same CLI as an auditor the deployment granted every inbox (the complete evidence check needs them). */
    private static OperatorCli auditor;
    private static OperatorCli.Result operatorBuild;
    /** The campaign carried to a resolved case, once {@link #shouldCarryCrossBorderCampaignFromSignalsToResolvedJointCase} passed. */
    private static Campaign campaign;

    /** What the campaign test leaves for the replay: the case and the reporters' signal ids (FR, DE, JP). */
    private record Campaign(String caseId, List<String> signalIds) {
    }

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void startNetwork() throws IOException, InterruptedException {
        recordingStart = Instant.now();
        // The CLI is built before the stack runs, so that its first-use build competes with nothing;
        // a build that fails fails only the replay tests, which check its exit code.
        Path root = IsolatedStack.repositoryRoot();
        operator = OperatorCli.of(root, Path.of("target", "e2e", "cross-border-operator").toAbsolutePath());
        operatorBuild = operator.run(Duration.ofMinutes(6), "--version");
        System.out.println("./aegis-ops ready in " + operatorBuild.took().toSeconds() + " s (exit " + operatorBuild.exitCode() + ")");
        stack = IsolatedStack.start(root, Path.of("target", "e2e", "cross-border"), 23_000, COUNTRIES, System.out);
        streams = OfficerStreams.open(stack, COUNTRIES);
        auditor = operator.against(stack, auditorLogin());
        operator = operator.against(stack, stack.kafkaClient(StackLogins.OPERATOR));
    }

    /**
     * The inboxes are each member's own: infra/acls.yaml gives the operator none. Checking every inbox
     * copy takes a principal the deployment grants them to (docs/runbook-operator.md, "Access"): here an
     * auditor with the operator's grants plus READ and DESCRIBE on every inbox.
     */
    private static Map<String, Object> auditorLogin() throws IOException, InterruptedException {
        AclPlan.Principal operatorGrants = AclPlan.load(IsolatedStack.repositoryRoot().resolve("infra/acls.yaml"), COUNTRIES)
                .principals().stream().filter(p -> p.user().equals(StackLogins.OPERATOR)).findFirst().orElseThrow();
        List<AclPlan.Grant> grants = new java.util.ArrayList<>(operatorGrants.grants());
        grants.add(new AclPlan.Grant("TOPIC", "aegis.inbox.", "PREFIXED", List.of("READ", "DESCRIBE"), "*"));
        AclPlan auditor = new AclPlan(List.of(new AclPlan.Principal("User:aegis-auditor", grants)));
        return stack.grant("aegis-auditor", "auditor-" + java.util.UUID.randomUUID(), auditor.bindings());
    }

    @AfterAll
    static void stopNetwork() throws IOException {
        if (streams != null) {
            streams.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldWithholdAmberSignalFromMemberOutsideOriginsTrustedGroup() throws Exception {
        // given FR's policy (infra/policies/FR.yaml): AMBER only to its trusted group (DE, JP); BR and KE are outside it
        String run = Long.toString(System.nanoTime(), 36);
        Map<String, Object> amber = Signals.signal("PRIVACY_LEAKAGE", "Chatbot transcripts leaking customer records",
                2, "AMBER", List.of("EDUCATION"), List.of(Signals.indicator("DOMAIN", "leak-" + run + ".example")), null);

        // when FR publishes it
        String id = publish("FR", amber);

        // then the router delivers it to DE and JP only and records that it withheld it from KE
        NodeClient frPublisher = client("FR", DemoRole.PUBLISHER);
        await("FR's routing decisions for " + id).atMost(STEP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> delivery = Json.map(frPublisher.get("/api/v1/signals/" + id).body(), "delivery");
            assertThat(Json.destinations(delivery, "routedTo")).contains("DE", "JP").doesNotContain("BR", "KE");
            assertThat(Json.destinations(delivery, "withheldFrom")).contains("KE");
        });
        for (String trusted : List.of("DE", "JP")) {
            await(trusted + " inbox").atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() ->
                    client(trusted, DemoRole.PUBLISHER).get("/api/v1/inbox/" + id).status() == 200);
        }
        // and neither outsider's inbox holds it, by id or anywhere in its pages
        for (String outsider : List.of("BR", "KE")) {
            NodeClient publisher = client(outsider, DemoRole.PUBLISHER);
            assertThat(publisher.get("/api/v1/inbox/" + id).status()).isEqualTo(404);
            NodeClient.Reply inbox = publisher.get("/api/v1/inbox?limit=1000");
            assertThat(inbox.status()).isEqualTo(200);
            assertThat(inbox.body().toString()).doesNotContain(id).doesNotContain("leak-" + run);
        }
    }

    @Test
    @Order(2)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldCarryCrossBorderCampaignFromSignalsToResolvedJointCase() throws Exception {
        // given one deepfake-fraud campaign reported by three countries within the hour, severity 4
        String run = Long.toString(System.nanoTime(), 36);
        List<String> ids = new ArrayList<>();
        for (String country : REPORTERS) {
            ids.add(publish(country, Signals.campaignReport(run, country)));
        }

        // then the coordination centre opens one SEVERE joint case for exactly the three reporters
        Map<String, Object> opened = awaitCaseHolding(ids);
        String caseId = String.valueOf(opened.get("caseId"));
        assertThat(opened.get("tier")).isEqualTo("SEVERE");
        assertThat(opened.get("state")).isEqualTo("OPEN");
        // FR's copy names only what FR may know: JP shares COUNT_ONLY coordination, so its report and its
        // taking part are counted (involvedCount, unnamedSignalCount) but not named to FR until JP acts on the case
        assertThat(Json.strings(opened, "involvedCountries")).containsExactlyInAnyOrder("FR", "DE");
        assertThat(((Number) opened.get("involvedCount")).intValue()).isEqualTo(REPORTERS.size());
        assertThat(((Number) opened.get("unnamedSignalCount")).intValue()).isPositive();
        assertThat(Json.strings(opened, "signalIds")).contains(ids.get(0), ids.get(1)).doesNotContain(ids.get(2));
        for (String country : REPORTERS) {
            streams.await(country, caseId, "CASE_OPENED", STEP);
        }

        // when every involved officer acknowledges
        for (String country : REPORTERS) {
            NodeClient.Reply ack = command(country, caseId, "ack", Map.of("comment", country + " CERT engaged"));
            assertThat(ack.body().get("type")).isEqualTo("ACKNOWLEDGE");
        }
        // then the case shows the three acknowledgements and no open deadline
        Map<String, Object> acknowledged = awaitCase(caseId, c -> "ACKNOWLEDGED".equals(c.get("state"))
                && Json.objects(c, "acknowledgements").stream().map(a -> a.get("country")).distinct().count() == 3);
        assertThat(acknowledged.get("ackDeadline")).isNull();

        // when FR proposes blocking the voice model and DE votes yes (2 of 3 meets the 2/3 quorum)
        command("FR", caseId, "actions", Map.of("actionType", "BLOCK_MODEL_ACCESS",
                "description", "Block API access to ExampleAI voice-x 2.1"));
        String actionId = actionId(awaitCase(caseId, c -> hasAction(c, "BLOCK_MODEL_ACCESS", "PROPOSED")),
                "BLOCK_MODEL_ACCESS");
        streams.await("JP", caseId, "VOTE_REQUESTED", STEP);
        command("DE", caseId, "votes", Map.of("actionId", actionId, "choice", "YES"));
        // then the action passes and every involved officer is told
        awaitCase(caseId, c -> hasAction(c, "BLOCK_MODEL_ACCESS", "PASSED"));
        for (String country : REPORTERS) {
            streams.await(country, caseId, "ACTION_DECIDED", STEP);
        }

        // when DE moves to resolve and JP agrees
        String resolution = "Voice model blocked, callback domain sinkholed, mule wallets frozen";
        command("DE", caseId, "resolve", Map.of("resolution", resolution));
        String resolveId = actionId(awaitCase(caseId, c -> hasAction(c, "RESOLVE_CASE", "PROPOSED")), "RESOLVE_CASE");
        command("JP", caseId, "votes", Map.of("actionId", resolveId, "choice", "YES"));

        // then the case is resolved with that resolution, and every involved officer hears of it
        Map<String, Object> resolved = awaitCase(caseId, c -> "RESOLVED".equals(c.get("state")));
        assertThat(resolved.get("resolution")).isEqualTo(resolution);
        for (String country : REPORTERS) {
            streams.await(country, caseId, "CASE_RESOLVED", STEP);
        }
        // and the member that reported nothing neither sees the case nor was notified of it
        assertThat(client("KE", DemoRole.OFFICER).get("/api/v1/cases/" + caseId).status()).isEqualTo(404);
        assertThat(streams.forCase("KE", caseId)).isEmpty();
        campaign = new Campaign(caseId, List.copyOf(ids));
    }

    @Test
    @Order(3)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldReplayResolvedCaseIntoTimelineOfWhatTheMembersSawHappen() throws Exception {
        // given the case as the running services recorded it while the campaign test drove it to resolution
        Campaign recorded = recordedCampaign();
        String fr = recorded.signalIds().get(0);
        String de = recorded.signalIds().get(1);
        Path reports = Files.createTempDirectory(operatorDir(), "case-");

        // when the operator reconstructs the case
        OperatorCli.Result run = operator.run(CLI_RUN, "timeline", "--case", recorded.caseId(), "--out", reports.toString());

        // then one report, complete but for the members' inboxes, which the operator principal may not read
        // (infra/acls.yaml): the report says so, inbox by inbox, and nothing else is missing
        assertThat(run.exitCode()).as("timeline --case:%n%s", run.output()).isZero();
        Map<String, Object> report = read(onlyFile(reports, ".json"));
        assertThat(report.get("title")).isEqualTo("Case " + recorded.caseId());
        assertThat(Json.strings(report, "notes")).as("notes of the report")
                .allMatch(note -> note.startsWith("not read: not authorized to describe or read topic aegis.inbox."));
        List<Map<String, Object>> events = Json.objects(report, "events");

        // and it shows FR's and DE's signals; JP shares COUNT_ONLY, so its report is counted by the escalation but
        // never tied to the case, not even in after-action review
        assertThat(ofKind(events, "SIGNAL")).extracting(e -> e.get("signalId"), e -> e.get("country"))
                .containsExactlyInAnyOrder(tuple(fr, "FR"), tuple(de, "DE"));
        Map<String, Object> severe = ofKind(events, "ESCALATION").stream().filter(e -> "SEVERE".equals(e.get("tier")))
                .findFirst().orElseThrow(() -> new AssertionError("no SEVERE escalation in " + events));
        assertThat(List.of(String.valueOf(details(severe).get("countries")).split(",")))
                .containsExactlyInAnyOrderElementsOf(REPORTERS);
        assertThat(String.valueOf(severe.get("summary"))).contains("count-only");

        // and who received what under which policy version is exactly what each origin's node shows for its signal
        assertDecisionsAsTheOriginSawThem(report, "FR", fr);
        assertDecisionsAsTheOriginSawThem(report, "DE", de);
        assertThat(outcomes(report, fr)).containsEntry("DE", "DELIVER").containsEntry("JP", "DELIVER")
                .containsEntry("KE", "DELIVER_REDACTED").containsEntry("BR", "DELAY");

        // and the case went opened → acknowledged by FR, DE and JP → action proposed and passed → resolved by vote
        // (each step followed by the workflow's own NOTIFIED and obligation bookkeeping, left aside here)
        List<Map<String, Object>> caseEvents = ofKind(events, "CASE");
        assertThat(caseEvents).extracting(ReplayReport::caseStep)
                .filteredOn(step -> !step.equals("NOTIFIED") && !step.startsWith("OBLIGATION_"))
                .containsExactly("OPENED", "ACKNOWLEDGED", "ACKNOWLEDGED", "ACKNOWLEDGED",
                        "ACTION_PROPOSED", "VOTE_CAST", "ACTION_PASSED", "ACTION_PROPOSED", "VOTE_CAST", "ACTION_PASSED",
                        "RESOLVED");
        assertThat(caseEvents).filteredOn(e -> caseStep(e).equals("ACKNOWLEDGED"))
                .extracting(e -> e.get("country"), e -> e.get("actor"))
                .containsExactlyInAnyOrderElementsOf(REPORTERS.stream()
                        .map(cc -> tuple(cc, officer(cc))).toList());
        assertThat(caseEvents).filteredOn(e -> caseStep(e).equals("ACTION_PROPOSED"))
                .extracting(e -> e.get("country"), e -> details(e).get("actionType"))
                .containsExactly(tuple("FR", "BLOCK_MODEL_ACCESS"),
                        tuple("DE", "RESOLVE_CASE"));
        assertThat(caseEvents).filteredOn(e -> caseStep(e).equals("ACTION_PASSED"))
                .extracting(e -> details(e).get("actionType")).containsExactly("BLOCK_MODEL_ACCESS", "RESOLVE_CASE");
        assertThat(caseEvents).filteredOn(e -> caseStep(e).equals("RESOLVED")).singleElement()
                .satisfies(e -> assertThat(e.get("summary").toString())
                        .contains("Voice model blocked, callback domain sinkholed, mule wallets frozen"));
        assertThat(caseEvents).extracting(e -> Long.parseLong(String.valueOf(details(e).get("sequence"))))
                .as("the case's event sequence, whole and in order").isSorted().doesNotHaveDuplicates()
                .hasSize((int) (sequence(caseEvents.get(caseEvents.size() - 1)) - sequence(caseEvents.get(0)) + 1));

        // and the officers' notifications and commands: only the three involved countries, each told of opening and resolution
        List<Map<String, Object>> notifications = ofKind(events, "NOTIFICATION");
        assertThat(notifications).extracting(e -> e.get("country")).isSubsetOf(REPORTERS);
        for (String country : REPORTERS) {
            assertThat(notifications).filteredOn(e -> country.equals(e.get("country")))
                    .extracting(e -> details(e).get("kind")).contains("CASE_OPENED", "ACTION_DECIDED", "CASE_RESOLVED");
        }
        assertThat(notifications).extracting(e -> details(e).get("kind")).contains("VOTE_REQUESTED");
        assertThat(ofKind(events, "COMMAND")).extracting(e -> e.get("country") + " " + details(e).get("type"))
                .containsExactlyInAnyOrder("FR ACKNOWLEDGE", "DE ACKNOWLEDGE", "JP ACKNOWLEDGE", "FR PROPOSE_ACTION",
                        "DE VOTE", "DE RESOLVE", "JP VOTE");

        // and each involved officer's time to acknowledge at SEVERE, within the life of the case
        long caseSeconds = Duration.between(Instant.parse(String.valueOf(caseEvents.get(0).get("at"))),
                Instant.parse(String.valueOf(caseEvents.get(caseEvents.size() - 1).get("at")))).toSeconds();
        List<Map<String, Object>> ackTimes = Json.objects(report, "ackTimes");
        for (String country : REPORTERS) {
            Map<String, Object> ack = ackTimes.stream().filter(a -> officer(country).equals(a.get("officerId")))
                    .findFirst().orElseThrow(() -> new AssertionError("no time to acknowledge for " + officer(country)
                            + " in " + ackTimes));
            assertThat(ack).containsEntry("country", country).containsEntry("tier", "SEVERE").containsEntry("acknowledged", 1);
            assertThat(((Number) ack.get("meanSeconds")).longValue()).isBetween(0L, caseSeconds);
        }

        // and the HTML is one self-contained page with the chart; the Markdown carries the same case
        String html = Files.readString(onlyFile(reports, ".html"));
        assertThat(html).contains(recorded.caseId()).contains("<svg");
        assertThat(html).as("no external asset in the HTML report")
                .doesNotContainPattern("(?i)<[^>]*\\s(src|href|xlink:href|srcset|action)\\s*=")
                .doesNotContainPattern("(?i)url\\s*\\(").doesNotContainPattern("(?i)@import|<link\\b");
        assertThat(Files.readString(onlyFile(reports, ".md"))).contains(recorded.caseId());
    }

    @Test
    @Order(4)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldReplayCampaignRangeWithEveryReportersSignalAndWhoReceivedIt() throws Exception {
        // given the whole run so far, recorded by the services
        Campaign recorded = recordedCampaign();
        Path reports = Files.createTempDirectory(operatorDir(), "campaign-");

        // when the operator replays the run's deepfake-fraud signals by time rather than by case
        OperatorCli.Result run = operator.run(CLI_RUN, "timeline", "--from", recordingStart.toString(), "--to", "now",
                "--category", "DEEPFAKE_FRAUD", "--out", reports.toString(), "--name", "campaign");

        // then all three reporters' signals are there, each with the coordination view its origin's policy allows
        assertThat(run.exitCode()).as("timeline --from --to --category:%n%s", run.output()).isZero();
        Map<String, Object> report = read(reports.resolve("campaign.json"));
        List<Map<String, Object>> events = Json.objects(report, "events");
        assertThat(ofKind(events, "SIGNAL")).extracting(e -> e.get("signalId"), e -> e.get("country"))
                .containsExactlyInAnyOrderElementsOf(Stream.of(0, 1, 2).map(i -> tuple(
                        recorded.signalIds().get(i), REPORTERS.get(i))).toList());
        assertThat(ofKind(events, "COORDINATION")).extracting(e -> e.get("country"), e -> details(e).get("level"))
                .containsExactlyInAnyOrder(tuple("FR", "HASHED"),
                        tuple("DE", "FULL"), tuple("JP", "COUNT_ONLY"));
        // and each signal's routing decisions are those its origin's node shows, under one policy version
        for (int i = 0; i < REPORTERS.size(); i++) {
            assertDecisionsAsTheOriginSawThem(report, REPORTERS.get(i), recorded.signalIds().get(i));
        }
        // and the case they escalated into comes along with its events
        assertThat(ofKind(events, "CASE")).extracting(e -> e.get("caseId")).containsOnly(recorded.caseId()).isNotEmpty();
    }

    @Test
    @Order(5)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldFindEvidenceOfTheWholeRunCleanAndComplete() throws Exception {
        // given everything the services recorded since the network started (both scenarios above)
        recordedCampaign();
        Path reports = Files.createTempDirectory(operatorDir(), "verify-");

        // when the operator verifies the range, refusing any part it could not check
        OperatorCli.Result run = auditor.run(CLI_RUN, "verify", "--from", recordingStart.toString(), "--to", "now",
                "--require-complete", "--report", reports.toString());

        // then every chain, signature, content hash and inbox copy checks out, and nothing went unchecked
        assertThat(run.exitCode()).as("verify:%n%s", run.output()).isZero();
        assertThat(run.output()).contains("verify: no violations").doesNotContain("VIOLATION").doesNotContain("UNCHECKED")
                .as("the operator's terminal carries the result, not logging set-up chatter").doesNotContain("logback");
        Map<String, Object> checked = Json.map(read(reports.resolve("verify.json")), "checked");
        assertThat(((Number) checked.get("signals")).intValue()).as("signals (3 campaign reports, 1 AMBER)").isGreaterThanOrEqualTo(4);
        for (String check : List.of("audit-chain", "case-chain", "case-state", "non-leak")) {
            assertThat(((Number) checked.get(check)).intValue()).as(check).isPositive();
        }
    }

    private static NodeClient client(String country, DemoRole role) {
        return stack.network().client(country, role);
    }

    private static String publish(String country, Map<String, Object> signal) throws IOException, InterruptedException {
        NodeClient.Reply reply = client(country, DemoRole.PUBLISHER).postJson("/api/v1/signals", signal);
        assertThat(reply.status()).as("POST /api/v1/signals at %s: %s", country, reply.body()).isEqualTo(202);
        assertThat(reply.body().get("topic")).isEqualTo("aegis.outbox." + country);
        assertThat(String.valueOf(reply.body().get("contentHash"))).startsWith("sha256:");
        return String.valueOf(reply.body().get("id"));
    }

    private static NodeClient.Reply command(String country, String caseId, String verb, Map<String, Object> body)
            throws IOException, InterruptedException {
        NodeClient.Reply reply = client(country, DemoRole.OFFICER).postJson("/api/v1/cases/" + caseId + "/" + verb, body);
        assertThat(reply.status()).as("POST /api/v1/cases/%s/%s at %s: %s", caseId, verb, country, reply.body())
                .isEqualTo(202);
        return reply;
    }

    private static Map<String, Object> awaitCaseHolding(List<String> signalIds) {
        NodeClient officer = client("FR", DemoRole.OFFICER);
        return await("a case holding " + signalIds).atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> Json.objects(officer.get("/api/v1/cases").body(), "items").stream()
                        .filter(c -> Json.strings(c, "signalIds").stream().anyMatch(signalIds::contains)).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
    }

    private static Map<String, Object> awaitCase(String caseId, java.util.function.Predicate<Map<String, Object>> done) {
        NodeClient officer = client("FR", DemoRole.OFFICER);
        return await("case " + caseId).atMost(STEP).pollInterval(Duration.ofMillis(300))
                .until(() -> officer.get("/api/v1/cases/" + caseId).body(), done);
    }

    private static boolean hasAction(Map<String, Object> kase, String type, String state) {
        return Json.objects(kase, "actions").stream()
                .anyMatch(a -> type.equals(a.get("type")) && state.equals(a.get("state")));
    }

    private static String actionId(Map<String, Object> kase, String type) {
        return Json.objects(kase, "actions").stream().filter(a -> type.equals(a.get("type")))
                .map(a -> String.valueOf(a.get("actionId"))).findFirst().orElseThrow();
    }

    private static Campaign recordedCampaign() {
        assertThat(operatorBuild.exitCode()).as("./aegis-ops could not be built:%n%s", operatorBuild.output()).isZero();
        assertThat(campaign).as("the resolved case of shouldCarryCrossBorderCampaignFromSignalsToResolvedJointCase,"
                + " which failed or did not run").isNotNull();
        return campaign;
    }

    private static Path operatorDir() throws IOException {
        return Files.createDirectories(Path.of("target", "e2e", "cross-border-operator").toAbsolutePath());
    }

    private static String officer(String country) {
        return country.toLowerCase(java.util.Locale.ROOT) + "-duty-primary";
    }

    /**
     * The report's routing decisions of a signal (destination, outcome, policy version) are exactly
     * those the origin's node shows its publisher, and all were made under one policy version.
     */
    private static void assertDecisionsAsTheOriginSawThem(Map<String, Object> report, String origin, String signalId) {
        List<Map<String, Object>> rows = decisions(report, signalId);
        assertThat(rows).as("routing decisions of %s's signal %s in the report", origin, signalId).isNotEmpty()
                .extracting(d -> d.get("origin")).containsOnly(origin);
        assertThat(rows.stream().map(d -> ((Number) d.get("policyVersion")).intValue()).distinct().toList())
                .as("policy versions of the decisions on %s", signalId).singleElement().satisfies(v -> assertThat(v).isPositive());
        NodeClient publisher = client(origin, DemoRole.PUBLISHER);
        await(origin + "'s view of the decisions on " + signalId).atMost(STEP).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Map<String, Object> delivery = Json.map(publisher.get("/api/v1/signals/" + signalId).body(), "delivery");
                    List<Map<String, Object>> seen = Stream.of("routedTo", "withheldFrom", "delayed", "retractedFrom")
                            .flatMap(field -> Json.objects(delivery, field).stream()).toList();
                    assertThat(decisionTexts(rows)).isEqualTo(decisionTexts(seen));
                });
    }
}
