package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tier;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.response.Acknowledgement;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A case's signals and its timeline on a node (real port, real broker), read from the node's own stores
 * only: the inbox copies it holds as their copies name them, retracted ones as tombstones, and the events
 * told by the copies of the case it received.
 */
@Tag("integration")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class CaseSignalsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    NodeHarness node;

    @BeforeAll
    void start(KafkaCluster kafka) {
        node = new NodeHarness(kafka, Map.of());
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void shouldShowTheCaseSignalsAsThisNodeHoldsThemAndNothingOfARetractedOne() throws Exception {
        // given: an anonymous copy, an agency-attributed one later downgraded, one retracted, and one never received
        SharedSignal anonymous = SharedSignal.newBuilder(NodeHarness.shared("cs-anon")).setOriginCountry(null)
                .setAttribution(Attribution.ANONYMOUS).build();
        SharedSignal agency = SharedSignal.newBuilder(NodeHarness.shared("cs-agency")).setAttribution(Attribution.AGENCY)
                .setOriginAgency("bsi").build();
        SharedSignal gone = SharedSignal.newBuilder(NodeHarness.shared("cs-gone"))
                .setContent(Signals.content().setTitle("Secret title of a withdrawn report").build()).build();
        for (SharedSignal copy : List.of(anonymous, agency, gone)) {
            node.produce(node.topics.inbox("FR"), copy.getSignalId(), new InboxEvent(copy));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/inbox/cs-gone", NodeHarness.OFFICER).statusCode() == 200);
        node.produce(node.topics.inbox("FR"), "cs-gone", new InboxEvent(Signals.retraction("cs-gone", "DE").build()));
        node.produce(node.topics.inbox("FR"), "cs-agency", new InboxEvent(Signals.retraction("cs-agency", "DE")
                .setKind(RetractionKind.DOWNGRADE).setNewTlp(Tlp.RED).setReason("source compromised").build()));
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/inbox/cs-gone", NodeHarness.OFFICER).statusCode() == 410);
        produceCase(opening().build());

        // when: an officer reads the case
        JsonNode kase = await().atMost(Duration.ofSeconds(30)).until(() -> read("/api/v1/cases/case-signals"),
                c -> c != null && c.get("signals").get(1).get("status").asText().equals("DOWNGRADED"));
        JsonNode signals = kase.get("signals");

        // then: each named signal in the case's order, as held
        assertEquals(List.of("cs-anon", "cs-agency", "cs-gone", "cs-never"), ids(signals));
        JsonNode anon = signals.get(0);
        assertEquals("ACTIVE", anon.get("status").asText());
        assertEquals(Signals.content().build().getTitle(), anon.get("title").asText());
        assertFalse(anon.has("originCountry"), anon.toString());
        assertFalse(anon.has("originAgency"), anon.toString());
        assertEquals("#inbox/cs-anon", anon.get("link").asText());
        assertTrue(anon.get("cursor").asText().length() > 0);
        JsonNode attributed = signals.get(1);
        assertEquals("DE", attributed.get("originCountry").asText());
        assertEquals("bsi", attributed.get("originAgency").asText());
        assertEquals("RED", attributed.get("tlp").asText());
        JsonNode tombstone = signals.get(2);
        assertEquals("RETRACTED", tombstone.get("status").asText());
        assertEquals("false positive", tombstone.get("reason").asText());
        assertNull(tombstone.get("title"));
        assertFalse(kase.toString().contains("Secret title"), "a retracted copy's content never appears");
        assertEquals("NOT_HELD", signals.get(3).get("status").asText());
        assertEquals(2, kase.get("unnamedSignalCount").asInt());
        // and the list shows the same
        JsonNode listed = null;
        for (JsonNode item : read("/api/v1/cases").get("items")) {
            listed = item.get("caseId").asText().equals("case-signals") ? item : listed;
        }
        assertEquals(signals, listed.get("signals"));
    }

    @Test
    void shouldTellTheCaseTimelineFromTheCopiesReceived() throws Exception {
        // given: the opening copy and a later one in which FR acknowledged and the tier rose
        EmergencyCase opened = opening().setCaseId("case-timeline").build();
        EmergencyCase acknowledged = EmergencyCase.newBuilder(opened).setLastSequence(2).setUpdatedAt(T0.plusSeconds(120))
                .setTier(Tier.CRITICAL).setState(CaseState.ACKNOWLEDGED)
                .setAcknowledgements(List.of(new Acknowledgement("FR", "olivier", T0.plusSeconds(100)))).build();
        produceCase(opened);
        produceCase(acknowledged);

        // when: an officer reads its timeline
        JsonNode timeline = await().atMost(Duration.ofSeconds(30)).until(() -> read("/api/v1/cases/case-timeline/timeline"),
                t -> t != null && t.get("copies").asInt() == 2);

        // then: the events the two copies tell, at their own times
        assertTrue(timeline.get("complete").asBoolean());
        assertEquals(T0.toString(), timeline.get("heldFrom").asText());
        List<String> types = new ArrayList<>();
        timeline.get("events").forEach(e -> types.add(e.get("type").asText() + "@" + e.get("at").asText()));
        assertEquals(List.of("OPENED@" + T0, "ACKNOWLEDGED@" + T0.plusSeconds(100), "TIER_RAISED@" + T0.plusSeconds(120)), types);
        assertEquals("olivier", timeline.at("/events/1/actorOfficer").asText());
        assertEquals(404, node.get("/api/v1/cases/no-such-case/timeline", NodeHarness.OFFICER).statusCode());
        assertEquals(403, node.get("/api/v1/cases/case-timeline/timeline", NodeHarness.PUBLISHER).statusCode());
    }

    private EmergencyCase.Builder opening() {
        return EmergencyCase.newBuilder().setCaseId("case-signals").setCorrelationKey("campaign:x").setTier(Tier.SEVERE)
                .setState(CaseState.OPEN).setOpenedAt(T0).setUpdatedAt(T0).setLastSequence(1).setCopyFor("FR")
                .setInvolvedCountries(List.of("FR", "DE")).setInvolvedCount(3).setUnnamedSignalCount(2)
                .setSignalIds(List.of("cs-anon", "cs-agency", "cs-gone", "cs-never"));
    }

    private void produceCase(EmergencyCase copy) {
        node.produce(node.topics.inbox("FR"), copy.getCaseId(), new InboxEvent(copy));
    }

    private JsonNode read(String path) throws Exception {
        HttpResponse<String> answer = node.get(path, NodeHarness.OFFICER);
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
    }

    private static List<String> ids(JsonNode signals) {
        List<String> ids = new ArrayList<>();
        signals.forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }
}
