package io.aegis.escalation.topology;

import static io.aegis.testsupport.fixtures.CoordinationSignals.T0;
import static io.aegis.testsupport.fixtures.CoordinationSignals.campaign;
import static io.aegis.testsupport.fixtures.CoordinationSignals.countOnly;
import static io.aegis.escalation.topology.EscalationTopologyTest.min;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.escalation.domain.Escalations;
import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Delivery;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.SignalDisclosure;
import io.aegis.schema.routing.CoordinationSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retractions and downgrades of signals already counted, through the real topology: never counted
 * again, facts only narrowed, and announced to the group's case as a disclosure update.
 */
class DisclosureUpdateTopologyTest {

    private static final Instant EMBARGO_END = T0.plus(Duration.ofHours(1));

    private EscalationDriver driver;

    @BeforeEach
    void start() {
        driver = new EscalationDriver(EscalationTopologyTest.RULES);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldNarrowTheFactsOfADowngradedSignalWithoutCountingItAgain() {
        // given: FR's signal reached DE and JP at once and BR under an embargo; DE's makes the group ELEVATED
        driver.send(fr().build(), T0).send(campaign("s2", "DE", "camp-1", 4).build(), T0.plus(min(1)));
        assertThat(driver.escalations()).extracting(summary()).containsExactly(
                "ADVISORY<null n=1 update=false", "ELEVATED<ADVISORY n=2 update=false");

        // when: FR downgrades it half an hour later: JP loses it; the record names KE, which never had it,
        // and BR at an earlier time than its embargo end
        driver.send(fr().setAudience(List.of(new Delivery("DE", null), new Delivery("BR", T0),
                new Delivery("KE", null))).setAttribution(Attribution.ANONYMOUS).setUpdate(true).build(), T0.plus(min(30)));

        // then: one disclosure update at the group's tier, keyed like its escalations, with the intersection
        List<TestRecord<String, Escalation>> out = driver.escalationRecords();
        assertThat(out).hasSize(1);
        Escalation update = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("campaign:camp-1");
        assertThat(update.getDisclosureUpdate()).isTrue();
        assertThat(update.getTier()).isEqualTo(Tier.ELEVATED);
        assertThat(update.getCorrelationKey()).isEqualTo("campaign:camp-1");
        assertThat(update.getEscalationId()).isNotIn(Escalations.escalationId("campaign:camp-1", Tier.ADVISORY),
                Escalations.escalationId("campaign:camp-1", Tier.ELEVATED));
        assertThat(update.getSignalIds()).isEmpty();
        assertThat(update.getCountries()).isEmpty();
        assertThat(update.getDisclosures()).extracting(SignalDisclosure::toString).containsExactly(
                new SignalDisclosure("s1", "FR", false, Attribution.ANONYMOUS,
                        List.of(new Delivery("BR", EMBARGO_END), new Delivery("DE", null))).toString());

        // and: the downgrade was not counted — a third country makes it three signals, not four
        driver.send(campaign("s3", "JP", "camp-1", 4).build(), T0.plus(min(40)));
        List<Escalation> severe = driver.escalations();
        assertThat(severe).extracting(summary()).containsExactly("SEVERE<ELEVATED n=3 update=false");
        assertThat(severe.get(0).getSignalIds()).containsExactly("s1", "s2", "s3");
        assertThat(severe.get(0).getDisclosures().get(0).getAudience())
                .containsExactly(new Delivery("BR", EMBARGO_END), new Delivery("DE", null));
    }

    @Test
    void shouldAnnounceARetractionOfAnEscalatedGroupsSignalAsNamedToNobody() {
        // given: an ELEVATED group
        driver.send(fr().build(), T0).send(campaign("s2", "DE", "camp-1", 4).build(), T0.plus(min(1)));
        driver.escalations();

        // when: FR retracts its signal
        driver.send(fr().setRetracted(true).setAudience(List.of()).build(), T0.plus(min(5)));

        // then: a disclosure update with an empty audience (the retracted record's attribution is ANONYMOUS)
        List<Escalation> out = driver.escalations();
        assertThat(out).extracting(summary()).containsExactly("ELEVATED<null n=0 update=true");
        assertThat(out.get(0).getDisclosures()).extracting(SignalDisclosure::toString).containsExactly(
                new SignalDisclosure("s1", "FR", false, Attribution.ANONYMOUS, List.of()).toString());
    }

    @Test
    void shouldNeitherAnnounceNorCountAnUpdateOfAGroupStillAtNotice() {
        // given: a minor report, the group at NOTICE
        driver.send(campaign("s1", "FR", "camp-1", 1).setAudience(List.of(new Delivery("DE", null))).build(), T0);

        // when: it is downgraded an hour later (another slot), then a second country reports
        driver.send(campaign("s1", "FR", "camp-1", 1).setUpdate(true).build(), T0.plus(min(60)))
                .send(campaign("s2", "DE", "camp-1", 1).build(), T0.plus(min(61)));

        // then: nothing for the update, and two signals, not three, in the tier rise
        assertThat(driver.escalations()).extracting(summary()).containsExactly("ELEVATED<null n=2 update=false");
    }

    @Test
    void shouldNeverCountAnUpdateOfASignalNoLongerHeld() {
        // a downgrade of a signal whose group is gone (or that never reached escalation) is not a new report
        driver.send(campaign("s9", "FR", "camp-2", 4).setUpdate(true).build(), T0)
                .send(campaign("s2", "DE", "camp-2", 4).build(), T0.plus(min(1)));

        assertThat(driver.escalations()).extracting(summary()).containsExactly("ADVISORY<null n=1 update=false");
    }

    @Test
    void shouldSayNothingWhenARecordRepeatsTheFactsAlreadyHeld() {
        driver.send(fr().build(), T0).send(campaign("s2", "DE", "camp-1", 4).build(), T0.plus(min(1)));
        driver.escalations();

        driver.send(fr().setUpdate(true).build(), T0.plus(min(30)));

        assertThat(driver.escalations()).isEmpty();
    }

    @Test
    void shouldRetractACountOnlySignalFromTheIncidentHoldingItAfterALaterIncidentTookItsSector() {
        // given: campaign A in ENERGY (ELEVATED by the category floor) holds DE's count-only report; then
        // campaign B, same category and sector, founds an incident of its own and takes the ENERGY key
        driver.send(attack("a1", "FR", "cA", Sector.ENERGY), T0)
                .send(countOnly("k1", "DE", Category.CRITICAL_INFRASTRUCTURE_ATTACK, Sector.ENERGY, 3).build(), T0.plus(min(1)))
                .send(attack("b1", "JP", "cB", Sector.ENERGY), T0.plus(min(10)));
        assertThat(driver.escalationRecords()).extracting(TestRecord::key)
                .containsExactly("campaign:cA", "campaign:cA", "campaign:cB");

        // when: DE retracts it, found through the signal index although its only key points at B
        driver.send(countOnly("k1", "DE", Category.CRITICAL_INFRASTRUCTURE_ATTACK, Sector.ENERGY, 3)
                .setRetracted(true).build(), T0.plus(min(20)));

        // then: A's case hears of it, named to nobody
        List<TestRecord<String, Escalation>> out = driver.escalationRecords();
        assertThat(out).extracting(TestRecord::key).containsExactly("campaign:cA");
        assertThat(out.get(0).value().getDisclosureUpdate()).isTrue();
        assertThat(out.get(0).value().getDisclosures()).extracting(SignalDisclosure::toString).containsExactly(
                new SignalDisclosure("k1", "DE", true, Attribution.ANONYMOUS, List.of()).toString());

        // and: DE no longer counts for A — KE's report in TRANSPORT makes two countries, not the three
        // (with two critical sectors) that ci-spread needs for CRITICAL
        driver.send(attack("a2", "KE", "cA", Sector.TRANSPORT), T0.plus(min(30)));
        assertThat(driver.escalations()).extracting(summary(), e -> e.getCountries())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ELEVATED<null n=2 update=false", List.of("FR", "KE")));
    }

    private static CoordinationSignal attack(String id, String country, String campaign, Sector sector) {
        return campaign(id, country, campaign, 3).setCategory(Category.CRITICAL_INFRASTRUCTURE_ATTACK)
                .setSectors(List.of(sector)).build();
    }

    private static CoordinationSignal.Builder fr() {
        return campaign("s1", "FR", "camp-1", 4).setAttribution(Attribution.COUNTRY).setAudience(List.of(
                new Delivery("DE", null), new Delivery("JP", null), new Delivery("BR", EMBARGO_END)));
    }

    private static java.util.function.Function<Escalation, String> summary() {
        return e -> e.getTier() + "<" + e.getPreviousTier() + " n=" + e.getSignalCount() + " update=" + e.getDisclosureUpdate();
    }
}
