package io.aegis.node.paging;

import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Notification;
import io.aegis.schema.response.NotificationKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageComposerTest {

    static final Instant CREATED = Instant.parse("2026-12-03T10:00:00Z");
    static final AckTokens TOKENS = new AckTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final PageComposer COMPOSER = new PageComposer(new AckLinks(TOKENS, "http://localhost:8101", Duration.ofHours(24)));

    static Notification.Builder notification() {
        return Notification.newBuilder().setNotificationId("case-1/3/fr-duty-primary").setOfficerId("fr-duty-primary")
                .setCountry("FR").setCaseId("case-1").setKind(NotificationKind.CASE_OPENED).setTier(Tier.SEVERE)
                .setTitle("[SEVERE] Voice-clone fraud <b>").setMessage("3 countries reported DEEPFAKE_FRAUD within PT1H.")
                .setAsk("acknowledge").setDeadline(CREATED.plus(Duration.ofMinutes(30))).setCreatedAt(CREATED);
    }

    @Test
    void shouldSayTierKindAndWhatTheCaseIsAboutInTheSubject() {
        Page page = COMPOSER.compose(notification().build(), Map.of("campaigns", List.of("campaign-1"), "systems",
                List.of("ExampleAI/voice-x")), CREATED);
        assertEquals("Aegis FR · SEVERE · case opened · campaigns: campaign-1; systems: ExampleAI/voice-x (case case-1)",
                page.subject());
    }

    @Test
    void shouldFallBackToTheNotificationsTitleWhenTheNodeHoldsNothingOfTheCase() {
        Page page = COMPOSER.compose(notification().build(), null, CREATED);
        assertEquals("Aegis FR · SEVERE · case opened · Voice-clone fraud <b> (case case-1)", page.subject());
    }

    @Test
    void shouldCarryTheCaseLinkAndAOneTimeAckLinkExpiringAtTheDeadline() {
        Page page = COMPOSER.compose(notification().build(), null, CREATED);
        AckLink link = page.ackLink().orElseThrow();
        assertEquals(CREATED.plus(Duration.ofMinutes(30)), link.expiresAt());
        assertEquals("fr-duty-primary", link.officerId());
        assertThat(page.text()).contains("http://localhost:8101/console/#case/case-1", "http://localhost:8101/ack/",
                "Asked of you: acknowledge", "Deadline: 2026-12-03 10:30 UTC");
        String token = page.text().split("http://localhost:8101/ack/", 2)[1].split("\n", 2)[0];
        assertEquals(link, TOKENS.open(token));
        assertThat(page.html()).contains("href=\"http://localhost:8101/ack/" + token + "\"", "Voice-clone fraud &lt;b&gt;")
                .doesNotContain("<b>", "src=", "<script", "<link");
    }

    @Test
    void shouldNeverLetALinkOutliveTheTtl() {
        Page page = COMPOSER.compose(notification().setDeadline(CREATED.plus(Duration.ofDays(3))).build(), null, CREATED);
        assertEquals(CREATED.plus(Duration.ofHours(24)), page.ackLink().orElseThrow().expiresAt());
        Page noDeadline = COMPOSER.compose(notification().setDeadline(null).build(), null, CREATED);
        assertEquals(CREATED.plus(Duration.ofHours(24)), noDeadline.ackLink().orElseThrow().expiresAt());
    }

    @Test
    void shouldCarryNoAckLinkWhenNoAcknowledgementIsAsked() {
        Page page = COMPOSER.compose(notification().setKind(NotificationKind.VOTE_REQUESTED).setAsk("vote on HALT_DEPLOYMENT")
                .build(), null, CREATED);
        assertTrue(page.ackLink().isEmpty());
        assertThat(page.text()).contains("/console/#case/case-1").doesNotContain("/ack/");
    }

    @Test
    void shouldLeaveOutALinkThatExpiredBeforeThePageWasWritten() {
        Page page = COMPOSER.compose(notification().build(), null, CREATED.plus(Duration.ofHours(1)));
        assertTrue(page.ackLink().isEmpty());
        assertThat(page.text()).contains("The acknowledgement link expired at 2026-12-03 10:30 UTC").doesNotContain("/ack/");
    }

    @Test
    void shouldKeepTheSubjectOnOneLine() {
        Page page = COMPOSER.compose(notification().setTitle("[SEVERE] a\r\nBcc: x@example.org").build(), null, CREATED);
        assertThat(page.subject()).doesNotContain("\r", "\n");
    }
}
