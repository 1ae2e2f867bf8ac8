package io.aegis.escalation.topology;

import static io.aegis.testsupport.fixtures.CoordinationSignals.T0;
import static io.aegis.testsupport.fixtures.CoordinationSignals.campaign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.routing.CoordinationSignal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A report that merges escalated groups tells so on the record it causes ({@code absorbedGroups}), so
 * that the response service can fold the absorbed groups' cases into the survivor's: without it, the
 * absorbed case stays open and the survivor's case lists its signals too.
 */
class MergeOfEscalatedGroupsTopologyTest {

    private final EscalationDriver driver = new EscalationDriver(EscalationTopologyTest.RULES);

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldNameTheAbsorbedEscalatedGroupOnTheTierChangeTheMergingSignalCauses() {
        // given: two campaigns, each ADVISORY on a serious report of its own
        driver.send(report("s1", "FR", "camp-1", "a.example", 4), T0)
                .send(report("s2", "DE", "camp-2", "b.example", 4), T0.plus(min(1)));

        // when: JP reports camp-1 with camp-2's domain: one incident of three countries
        driver.send(report("s3", "JP", "camp-1", "b.example", 2), T0.plus(min(2)));

        // then: the older group survives, rises, and names the group it absorbed; earlier records name none
        List<Escalation> out = driver.escalations();
        assertThat(out).extracting(Escalation::getCorrelationKey, Escalation::getTier, Escalation::getAbsorbedGroups)
                .containsExactly(
                        tuple("campaign:camp-1", Tier.ADVISORY, List.of()),
                        tuple("campaign:camp-2", Tier.ADVISORY, List.of()),
                        tuple("campaign:camp-1", Tier.ELEVATED, List.of("campaign:camp-2")));
        assertThat(out.get(2).getGroupUpdate()).isFalse();
        assertThat(out.get(2).getSignalIds()).containsExactly("s1", "s2", "s3");
    }

    @Test
    void shouldNameTheAbsorbedEscalatedGroupOnTheGroupUpdateWhenTheTierStays() {
        // given: camp-1 ELEVATED (FR and DE), camp-2 ADVISORY (FR)
        driver.send(report("s1", "FR", "camp-1", "a.example", 4), T0)
                .send(report("s2", "DE", "camp-1", "a.example", 2), T0.plus(min(1)))
                .send(report("s3", "FR", "camp-2", "b.example", 4), T0.plus(min(2)));

        // when: DE reports camp-1 with camp-2's domain: still two countries, the tier stays
        driver.send(report("s4", "DE", "camp-1", "b.example", 2), T0.plus(min(3)));

        // then: the group update of s4 tells the survivor's case that camp-2's case folds into it
        List<Escalation> out = driver.escalations();
        Escalation last = out.get(out.size() - 1);
        assertThat(last.getGroupUpdate()).isTrue();
        assertThat(last.getCorrelationKey()).isEqualTo("campaign:camp-1");
        assertThat(last.getSignalIds()).containsExactly("s4");
        assertThat(last.getAbsorbedGroups()).containsExactly("campaign:camp-2");
    }

    @Test
    void shouldNotNameAGroupStillAtNotice() {
        // given: camp-1 ADVISORY; camp-2 reported at severity 2 only, so it stays at NOTICE (no case)
        driver.send(report("s1", "FR", "camp-1", "a.example", 4), T0)
                .send(report("s2", "FR", "camp-2", "b.example", 2), T0.plus(min(1)));

        // when: FR links them
        driver.send(report("s3", "FR", "camp-1", "b.example", 2), T0.plus(min(2)));

        // then: the group update names no absorbed group: a NOTICE group has no case to fold
        List<Escalation> out = driver.escalations();
        Escalation last = out.get(out.size() - 1);
        assertThat(last.getSignalIds()).containsExactly("s3");
        assertThat(last.getAbsorbedGroups()).isEmpty();
    }

    private static CoordinationSignal report(String id, String country, String campaign, String domain, int severity) {
        return campaign(id, country, campaign, severity)
                .setIndicators(List.of(new Indicator(IndicatorType.DOMAIN, domain))).build();
    }

    private static Duration min(int minutes) {
        return Duration.ofMinutes(minutes);
    }
}
