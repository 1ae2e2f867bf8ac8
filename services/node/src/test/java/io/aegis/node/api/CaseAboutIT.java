package io.aegis.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.node.support.NodeHarness;
import io.aegis.schema.common.AffectedSystem;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.testsupport.fixtures.Signals;
import io.aegis.testsupport.kafka.KafkaCluster;
import io.aegis.testsupport.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a case is about, on a node (real port, real broker): the campaigns and affected systems of the
 * case's signals as this node holds them, on the case and on notifications about it (a node without
 * webhooks, so that its notifications disturb no webhook test).
 */
@Tag("integration")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseAboutIT {

    static final ObjectMapper JSON = new ObjectMapper();
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
    void shouldSayWhatACaseIsAboutFromTheCopiesThisNodeHoldsOnly() throws Exception {
        // given: an inbox copy with a campaign and an affected system, a retracted one, and a case naming them
        // and a signal this node never received
        SharedSignal held = SharedSignal.newBuilder(NodeHarness.shared("about-held")).setContent(Signals.content()
                .setCampaignId("grid-a").setAffectedSystems(List.of(new AffectedSystem("ExampleAI", "voice-x", null)))
                .build()).build();
        SharedSignal gone = SharedSignal.newBuilder(NodeHarness.shared("about-gone")).setContent(Signals.content().setCampaignId("grid-z").build()).build();
        node.produce(node.topics.inbox("FR"), held.getSignalId(), new InboxEvent(held));
        node.produce(node.topics.inbox("FR"), gone.getSignalId(), new InboxEvent(gone));
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/inbox/about-gone", NodeHarness.OFFICER).statusCode() == 200);
        node.produce(node.topics.inbox("FR"), gone.getSignalId(), new InboxEvent(Signals.retraction("about-gone", "DE").build()));
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/inbox/about-gone", NodeHarness.OFFICER).statusCode() == 410);
        EmergencyCase emergency = EmergencyCase.newBuilder().setCaseId("case-about").setCorrelationKey("campaign:x")
                .setTier(Tier.SEVERE).setState(CaseState.OPEN).setOpenedAt(Instant.now()).setUpdatedAt(Instant.now())
                .setInvolvedCountries(List.of("FR", "DE")).setSignalIds(List.of("about-held", "about-gone", "never-received"))
                .build();
        node.produce(node.topics.inbox("FR"), "case-about", new InboxEvent(emergency));
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/cases/case-about", NodeHarness.OFFICER).statusCode() == 200);

        // when: an officer reads the case
        JsonNode about = JSON.readTree(node.get("/api/v1/cases/case-about", NodeHarness.OFFICER).body()).get("about");

        // then: only what the held, unretracted copy says
        assertEquals("[\"grid-a\"]", about.get("campaigns").toString());
        assertEquals("[\"ExampleAI/voice-x\"]", about.get("systems").toString());

        // and a notification about the case carries the same, read from the same copies
        node.produce(node.topics.notify("FR"), "olivier", Notification.newBuilder().setNotificationId("n-about")
                .setOfficerId("olivier").setCountry("FR").setCaseId("case-about").setKind(NotificationKind.CASE_UPDATED)
                .setTier(Tier.SEVERE).setTitle("t").setMessage("m").setAsk("").setCreatedAt(Instant.now()).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> node.get("/api/v1/notifications?limit=500", NodeHarness.OFFICER)
                .body().contains("n-about"));
        JsonNode notified = null;
        for (JsonNode item : JSON.readTree(node.get("/api/v1/notifications?limit=500", NodeHarness.OFFICER).body()).get("items")) {
            if (item.get("notificationId").asText().equals("n-about")) {
                notified = item;
            }
        }
        assertEquals(about, notified.get("about"));
    }

}
