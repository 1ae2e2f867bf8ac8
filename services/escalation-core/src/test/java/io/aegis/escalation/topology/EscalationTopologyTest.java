package io.aegis.escalation.topology;

import static io.aegis.testsupport.fixtures.CoordinationSignals.T0;
import static io.aegis.testsupport.fixtures.CoordinationSignals.campaign;
import static io.aegis.testsupport.fixtures.CoordinationSignals.countOnly;
import static io.aegis.testsupport.fixtures.CoordinationSignals.indicator;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.kafka.dlq.DlqHeaders;
import io.aegis.kafka.dlq.DlqRecords;
import io.aegis.kafka.topic.TopicNames;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.common.Sector;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.SignalDisclosure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each escalation rule through the real topology, with explicit record timestamps. */
class EscalationTopologyTest {

    static final String RULES = """
            windows: {short: PT1H, long: PT24H}
            correlation: {resolution: PT1M, groupRetention: P3D}
            categoryFloors: {CBRN_UPLIFT: SEVERE, LOSS_OF_CONTROL: SEVERE, CRITICAL_INFRASTRUCTURE_ATTACK: ELEVATED}
            rules:
              - {id: serious-report, tier: ADVISORY, window: short, when: {minSeverity: 4}}
              - {id: cross-border, tier: ELEVATED, window: long, when: {minCountries: 2}}
              - {id: multi-country-serious, tier: SEVERE, window: short, when: {minCountries: 3, minSeverity: 4}}
              - {id: ci-spread, tier: CRITICAL, window: long, when: {minCountries: 3, minCriticalSectors: 2}}
            """;

    private EscalationDriver driver;

    @BeforeEach
    void start() {
        driver = new EscalationDriver(RULES);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldRaiseTierStepByStepAsCountriesReportOneCampaign() {
        // given/when: four countries report the same campaign within thirty minutes, DE at severity 3 only
        driver.send(campaign("s1", "FR", "camp-1", 4).build(), T0)
                .send(campaign("s2", "DE", "camp-1", 3).build(), T0.plus(min(10)))
                .send(campaign("s3", "JP", "camp-1", 4).build(), T0.plus(min(20)))
                .send(campaign("s4", "KE", "camp-1", 4).build(), T0.plus(min(30)));

        // then: one escalation per tier rise, each naming its rule, signals, countries and window;
        // SEVERE waits for the third country with a report of severity >= 4 (DE's does not count),
        // and its figures are the whole window's
        List<TestRecord<String, Escalation>> all = driver.escalationRecords();
        // (JP's report joins the ELEVATED group without raising it: its case hears of it as a group update)
        assertThat(all).filteredOn(r -> r.value().getGroupUpdate()).extracting(r -> r.value().getSignalIds())
                .containsExactly(List.of("s3"));
        List<TestRecord<String, Escalation>> out = all.stream().filter(r -> !r.value().getGroupUpdate()).toList();
        assertThat(out).extracting(r -> summary(r.value())).containsExactly(
                "campaign:camp-1 ADVISORY<null [serious-report] [FR] [s1] PT1H n=1",
                "campaign:camp-1 ELEVATED<ADVISORY [cross-border] [DE, FR] [s1, s2] PT24H n=2",
                "campaign:camp-1 SEVERE<ELEVATED [multi-country-serious] [DE, FR, JP, KE] [s1, s2, s3, s4] PT1H n=4");
        assertThat(out).extracting(TestRecord::key).containsOnly("campaign:camp-1");
        Escalation severe = out.get(2).value();
        assertThat(severe.getMaxSeverity()).isEqualTo(4);
        assertThat(severe.getWindowEnd()).isEqualTo(T0.plus(min(30)));
        assertThat(severe.getWindowStart()).isEqualTo(T0.plus(min(30)).minus(Duration.ofHours(1)));
        assertThat(severe.getEscalatedAt()).isEqualTo(T0.plus(min(30)));
        assertThat(severe.getReason()).contains("3 countries with reports of severity >= 4 (>= 3)", "within PT1H");
        assertThat(out.get(2).timestamp()).isEqualTo(T0.plus(min(30)).toEpochMilli());
    }

    @Test
    void shouldCarryWhoSentAndWhoReceivedEachSignalForNeedToKnow() {
        // given: an anonymous signal delivered to DE at once and to BR after an embargo, and a count-only one
        Instant embargoEnd = T0.plus(Duration.ofHours(1));
        driver.send(campaign("s1", "FR", "camp-1", 4).setAttribution(Attribution.ANONYMOUS)
                        .setAudience(List.of(new Delivery("DE", null), new Delivery("BR", embargoEnd))).build(), T0)
                .send(countOnly("s2", "JP", Category.DISINFORMATION_CAMPAIGN, Sector.ELECTIONS, 3)
                        .setAttribution(Attribution.COUNTRY).setAudience(List.of(new Delivery("FR", null))).build(), T0.plus(min(1)));

        // then: the coordination centre's record keeps every fact; signalIds still never names COUNT_ONLY
        Escalation elevated = driver.escalations().get(1);
        assertThat(elevated.getSignalIds()).containsExactly("s1");
        // (compared as text: Avro's generated equals cannot compare a nested union timestamp)
        assertThat(elevated.getDisclosures()).extracting(SignalDisclosure::toString).containsExactly(
                new SignalDisclosure("s1", "FR", false, Attribution.ANONYMOUS,
                        List.of(new Delivery("BR", embargoEnd), new Delivery("DE", null))).toString(),
                new SignalDisclosure("s2", "JP", true, Attribution.COUNTRY, List.of(new Delivery("FR", null))).toString());
    }

    @Test
    void shouldNotRepeatATierAlreadyAnnounced() {
        // given: a campaign already at SEVERE
        driver.send(campaign("s1", "FR", "camp-1", 4).build(), T0)
                .send(campaign("s2", "DE", "camp-1", 4).build(), T0.plus(min(1)))
                .send(campaign("s3", "JP", "camp-1", 4).build(), T0.plus(min(2)));
        assertThat(driver.escalations()).extracting(e -> e.getTier().name())
                .containsExactly("ADVISORY", "ELEVATED", "SEVERE");

        // when: more countries report it, and the same signal is delivered twice
        driver.send(campaign("s4", "KE", "camp-1", 5).build(), T0.plus(min(3)))
                .send(campaign("s5", "BR", "camp-1", 4).build(), T0.plus(min(4)))
                .send(campaign("s5", "BR", "camp-1", 4).build(), T0.plus(min(4)));

        // then: SEVERE conditions hold again, but no tier is announced twice: the group's case hears of each
        // new report once, as a group update at SEVERE naming it with the group's current figures
        assertThat(driver.escalations()).extracting(e -> e.getTier() + " " + e.getGroupUpdate() + " " + e.getSignalIds()
                + " " + e.getCountries() + " n=" + e.getSignalCount() + " rules=" + e.getRules()).containsExactly(
                "SEVERE true [s4] [DE, FR, JP, KE] n=4 rules=[]",
                "SEVERE true [s5] [BR, DE, FR, JP, KE] n=5 rules=[]");
    }

    @Test
    void shouldNeverLowerTierWhenSignalsAreRetractedOrTheWindowPasses() {
        // given: a campaign at SEVERE
        driver.send(campaign("s1", "FR", "camp-1", 4).build(), T0)
                .send(campaign("s2", "DE", "camp-1", 4).build(), T0.plus(min(1)))
                .send(campaign("s3", "JP", "camp-1", 4).build(), T0.plus(min(2)));
        driver.escalations();

        // when: two signals are retracted, and a day later a single minor report arrives
        driver.send(campaign("s1", "FR", "camp-1", 4).setRetracted(true).build(), T0.plus(min(5)))
                .send(campaign("s2", "DE", "camp-1", 4).setRetracted(true).build(), T0.plus(min(6)))
                .send(campaign("s6", "FR", "camp-1", 1).build(), T0.plus(Duration.ofHours(26)));
        // (each retraction is announced to the case as a disclosure update at SEVERE, not as a tier change;
        // the minor report joins the group, and its case, as a group update)
        assertThat(driver.escalations()).extracting(e -> e.getTier() + " " + e.getDisclosureUpdate() + e.getGroupUpdate() + " "
                + e.getDisclosures().get(0).getSignalId()).containsExactly("SEVERE truefalse s1", "SEVERE truefalse s2",
                "SEVERE falsetrue s6");

        // then: the group is still at SEVERE, so only a higher tier is announced, from SEVERE
        driver.send(campaign("s7", "DE", "camp-1", 2).setSectors(List.of(Sector.ENERGY)).build(), T0.plus(Duration.ofHours(27)))
                .send(campaign("s8", "KE", "camp-1", 2).setSectors(List.of(Sector.WATER)).build(), T0.plus(Duration.ofHours(28)));
        assertThat(tierChanges(driver.escalations())).extracting(EscalationTopologyTest::summary).containsExactly(
                "campaign:camp-1 CRITICAL<SEVERE [ci-spread] [DE, FR, KE] [s6, s7, s8] PT24H n=3");
    }

    @Test
    void shouldStartANewGroupForAReportAfterTheGroupsCaseWasResolved() {
        // given: a campaign at SEVERE whose case the response service resolved
        driver.send(campaign("s1", "FR", "camp-1", 4).build(), T0)
                .send(campaign("s2", "DE", "camp-1", 4).build(), T0.plus(min(1)))
                .send(campaign("s3", "JP", "camp-1", 4).build(), T0.plus(min(2)));
        assertThat(tierChanges(driver.escalations())).extracting(e -> e.getTier().name()).endsWith("SEVERE");
        driver.caseWritten(kase("campaign:camp-1", CaseState.ACKNOWLEDGED, T0.plus(min(2))), T0.plus(min(5)));
        driver.send(campaign("s4", "KE", "camp-1", 4).build(), T0.plus(min(6)));
        assertThat(driver.escalations()).extracting(Escalation::getGroupUpdate).containsExactly(true);
        driver.caseWritten(kase("campaign:camp-1", CaseState.RESOLVED, T0.plus(min(2))), T0.plus(min(30)));

        // when: the same campaign is reported again, by three countries
        driver.send(campaign("s5", "FR", "camp-1", 4).build(), T0.plus(min(40)))
                .send(campaign("s6", "DE", "camp-1", 4).build(), T0.plus(min(41)))
                .send(campaign("s7", "BR", "camp-1", 4).build(), T0.plus(min(42)));

        // then: it is a new incident: a group of its own, with an id of its own, escalating from NOTICE anew
        List<Escalation> out = tierChanges(driver.escalations());
        assertThat(out).extracting(e -> e.getCorrelationKey() + " " + e.getTier() + " " + e.getSignalIds()).containsExactly(
                "campaign:camp-1@" + T0.plus(min(40)) + " ADVISORY [s5]",
                "campaign:camp-1@" + T0.plus(min(40)) + " ELEVATED [s5, s6]",
                "campaign:camp-1@" + T0.plus(min(40)) + " SEVERE [s5, s6, s7]");

        // and a repeated or stale resolution of the old case changes nothing
        driver.caseWritten(kase("campaign:camp-1", CaseState.RESOLVED, T0.plus(min(2))), T0.plus(min(50)))
                .send(campaign("s8", "KE", "camp-1", 4).build(), T0.plus(min(51)));
        assertThat(driver.escalations()).extracting(e -> e.getCorrelationKey() + " " + e.getGroupUpdate())
                .containsExactly("campaign:camp-1@" + T0.plus(min(40)) + " true");
    }

    static EmergencyCase kase(String correlationKey, CaseState state, Instant openedAt) {
        return EmergencyCase.newBuilder().setCaseId("case-x-1").setCorrelationKey(correlationKey).setTier(Tier.SEVERE)
                .setState(state).setOpenedAt(openedAt).setUpdatedAt(openedAt).build();
    }

    @Test
    void shouldNotCombineSignalsThatFallOutsideTheWindow() {
        // given/when: three countries report one campaign, 40 minutes apart — never three within an hour
        driver.send(campaign("s1", "FR", "camp-1", 4).build(), T0)
                .send(campaign("s2", "DE", "camp-1", 4).build(), T0.plus(min(40)))
                .send(campaign("s3", "JP", "camp-1", 4).build(), T0.plus(min(80)));

        // then: the 24-hour rule sees them together, the one-hour SEVERE rule never does
        assertThat(tierChanges(driver.escalations())).extracting(EscalationTopologyTest::summary).containsExactly(
                "campaign:camp-1 ADVISORY<null [serious-report] [FR] [s1] PT1H n=1",
                "campaign:camp-1 ELEVATED<ADVISORY [cross-border] [DE, FR] [s1, s2] PT24H n=2");
    }

    @Test
    void shouldCountCountOnlySignalsWithoutNamingThem() {
        // given: one FULL report; two origins allow counting only (category × sector is all they share)
        driver.send(campaign("s1", "FR", "camp-1", 4).build(), T0)
                .send(countOnly("hidden-1", "DE", Category.DISINFORMATION_CAMPAIGN, Sector.ELECTIONS, 4).build(), T0.plus(min(1)))
                .send(countOnly("hidden-2", "JP", Category.DISINFORMATION_CAMPAIGN, Sector.ELECTIONS, 4).build(), T0.plus(min(2)));

        // then: they count towards countries and signals, but their ids never appear
        List<Escalation> out = driver.escalations();
        assertThat(out).extracting(EscalationTopologyTest::summary).containsExactly(
                "campaign:camp-1 ADVISORY<null [serious-report] [FR] [s1] PT1H n=1",
                "campaign:camp-1 ELEVATED<ADVISORY [cross-border] [DE, FR] [s1] PT24H n=2",
                "campaign:camp-1 SEVERE<ELEVATED [multi-country-serious] [DE, FR, JP] [s1] PT1H n=3");
        assertThat(out.get(2).getReason()).contains("2 count-only signal(s) counted, not named");
        assertThat(out).allSatisfy(e -> assertThat(e.getSignalIds()).doesNotContain("hidden-1", "hidden-2"));
    }

    @Test
    void shouldStartCbrnAndLossOfControlAtSevereAndInfrastructureAttacksAtElevated() {
        // when: single low-severity reports of floor categories, unrelated to each other
        driver.send(indicator("c1", "FR", "lab.example", 1).setCategory(Category.CBRN_UPLIFT).build(), T0)
                .send(indicator("c2", "DE", "grid.example", 1).setCategory(Category.CRITICAL_INFRASTRUCTURE_ATTACK)
                        .setSectors(List.of(Sector.ENERGY)).build(), T0.plus(min(1)));

        // then: each starts at its floor, naming the floor as the rule
        assertThat(driver.escalations()).extracting(EscalationTopologyTest::summary).containsExactly(
                "ioc:DOMAIN:lab.example SEVERE<null [floor:CBRN_UPLIFT] [FR] [c1] PT1H n=1",
                "ioc:DOMAIN:grid.example ELEVATED<null [floor:CRITICAL_INFRASTRUCTURE_ATTACK] [DE] [c2] PT1H n=1");
    }

    @Test
    void shouldMergeGroupsWhenASignalSharesKeysWithBoth() {
        // given: two unrelated indicators reported by two countries (different sectors, so no shared key)
        driver.send(indicator("i1", "FR", "a.example", 4).setSectors(List.of(Sector.MEDIA)).build(), T0)
                .send(indicator("i2", "DE", "b.example", 2).setSectors(List.of(Sector.EDUCATION)).build(), T0.plus(min(1)));
        assertThat(driver.escalations()).extracting(EscalationTopologyTest::summary).containsExactly(
                "ioc:DOMAIN:a.example ADVISORY<null [serious-report] [FR] [i1] PT1H n=1");

        // when: a third country reports both indicators
        driver.send(indicator("i3", "JP", "a.example", 4).setSectors(List.of(Sector.DEFENCE))
                .setIndicators(List.of(
                        new io.aegis.schema.common.Indicator(io.aegis.schema.common.IndicatorType.DOMAIN, "a.example"),
                        new io.aegis.schema.common.Indicator(io.aegis.schema.common.IndicatorType.DOMAIN, "b.example")))
                .build(), T0.plus(min(2)));

        // then: one group (the escalated one survives) with all three countries; not SEVERE, as only
        // two of them sent a report of severity >= 4
        assertThat(driver.escalations()).extracting(EscalationTopologyTest::summary).containsExactly(
                "ioc:DOMAIN:a.example ELEVATED<ADVISORY [cross-border] [DE, FR, JP] [i1, i2, i3] PT24H n=3");
    }

    @Test
    void shouldSendAnInvalidSignalToTheDlqAndGoOn() {
        // when: a signal with an impossible severity, then a valid one
        driver.send(campaign("bad", "FR", "camp-1", 9).build(), T0)
                .send(campaign("good", "FR", "camp-1", 4).build(), T0.plus(min(1)));

        // then: the bad one is on the DLQ with a reason naming the field; the good one is counted
        List<TestRecord<byte[], byte[]>> dlq = driver.dlqRecords();
        assertThat(dlq).hasSize(1);
        assertThat(DlqRecords.header(dlq.get(0).headers(), DlqHeaders.REASON)).contains("severity: must be from 1 to 5, was 9");
        assertThat(DlqRecords.header(dlq.get(0).headers(), DlqHeaders.SOURCE_TOPIC)).isEqualTo(TopicNames.COORDINATION_SIGNALS);
        assertThat(driver.escalations()).extracting(EscalationTopologyTest::summary).containsExactly(
                "campaign:camp-1 ADVISORY<null [serious-report] [FR] [good] PT1H n=1");
    }

    @Test
    void shouldForgetAGroupIdleForLongerThanItsRetention() {
        // given: a CBRN report at SEVERE
        driver.send(indicator("c1", "FR", "lab.example", 2).setCategory(Category.CBRN_UPLIFT).build(), T0);
        assertThat(driver.escalations()).hasSize(1);

        // when: stream time passes the three-day retention, then the same indicator is reported again
        driver.send(indicator("x", "DE", "unrelated.example", 1).setSectors(List.of(Sector.MEDIA)).build(),
                        T0.plus(Duration.ofDays(4)))
                .send(indicator("c2", "FR", "lab.example", 2).setCategory(Category.CBRN_UPLIFT).build(),
                        T0.plus(Duration.ofDays(4)).plus(min(1)));

        // then: it is a new group, announced afresh
        assertThat(driver.escalations()).extracting(EscalationTopologyTest::summary).containsExactly(
                "ioc:DOMAIN:lab.example SEVERE<null [floor:CBRN_UPLIFT] [FR] [c2] PT1H n=1");
    }

    static String summary(Escalation e) {
        return e.getCorrelationKey() + " " + e.getTier() + "<" + e.getPreviousTier() + " " + e.getRules() + " "
                + e.getCountries() + " " + e.getSignalIds() + " " + e.getWindow() + " n=" + e.getSignalCount();
    }

    static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Instant at(long minutes) {
        return T0.plus(min(minutes));
    }

    /** The tier changes among the escalations (not the disclosure and group updates). */
    static List<Escalation> tierChanges(List<Escalation> out) {
        return out.stream().filter(e -> !e.getDisclosureUpdate() && !e.getGroupUpdate()).toList();
    }
}
