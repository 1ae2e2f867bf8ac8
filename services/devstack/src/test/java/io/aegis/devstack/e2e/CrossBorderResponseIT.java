package io.aegis.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aegis.devstack.bench.IsolatedStack;
import io.aegis.devstack.demo.NodeClient;
import io.aegis.devstack.domain.DemoRole;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole network end to end, every service its own process as the devstack runs it: signals
 * posted at three nodes about one campaign travel through router and escalation into a joint case,
 * the involved duty officers are notified on their SSE streams, acknowledge, pass a joint action
 * by quorum and resolve the case; and an AMBER signal never reaches a member its origin's policy
 * withholds it from. Everything is asserted through the node APIs only, as a member would see it.
 */
@Tag("integration")
class CrossBorderResponseIT {

    private static final List<String> COUNTRIES = List.of("FR", "DE", "JP", "BR", "KE");
    private static final List<String> REPORTERS = List.of("FR", "DE", "JP");
    private static final Duration STEP = Duration.ofSeconds(90);

    private static IsolatedStack stack;
    private static OfficerStreams streams;

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    static void startNetwork() throws IOException, InterruptedException {
        stack = IsolatedStack.start(IsolatedStack.repositoryRoot(), Path.of("target", "e2e", "cross-border"), 23_000,
                COUNTRIES, System.out);
        streams = OfficerStreams.open(stack, COUNTRIES);
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
        assertThat(Json.strings(opened, "involvedCountries")).containsExactlyInAnyOrderElementsOf(REPORTERS);
        // (JP shares COUNT_ONLY coordination, so its own signal id may stay out of the case)
        assertThat(Json.strings(opened, "signalIds")).contains(ids.get(0), ids.get(1));
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
}
