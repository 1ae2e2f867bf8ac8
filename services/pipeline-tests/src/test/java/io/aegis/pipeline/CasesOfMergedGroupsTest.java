package io.aegis.pipeline;

import static io.aegis.testsupport.fixtures.CoordinationSignals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.testsupport.fixtures.CoordinationSignals;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Two incidents that each reached a case turn out to be one (a report carries the first campaign and
 * the second campaign's domain): the groups merge, the first (older) group survives. Found by
 * {@link CaseEvidencePropertiesTest}: the survivor's next tier rise names every signal of its window,
 * the absorbed group's included, so the first case lists the second case's signals as well, and the
 * second case stays open without ever hearing of its incident again.
 */
class CasesOfMergedGroupsTest {

    private final CaseChain chain = new CaseChain(T0);

    @AfterEach
    void close() {
        chain.close();
    }

    @Test
    @Disabled("escalation/response defect, outside pipeline-tests: a merge of two groups that each have an open case "
            + "leaves both cases listing the absorbed group's signals (Correlator.merge keeps no trace of the absorbed "
            + "group's case; the response service has no way to fold it into the survivor's)")
    void shouldListEachSignalOfTwoMergedIncidentsInOneCaseOnly() {
        // given: grid-a (ENERGY) and grid-b (FINANCE) each reported by three countries within minutes: two SEVERE cases
        chain.report(report("a1", "FR", "grid-a", "a.example", Sector.ENERGY), at(1))
                .report(report("a2", "DE", "grid-a", "a.example", Sector.ENERGY), at(2))
                .report(report("a3", "JP", "grid-a", "a.example", Sector.ENERGY), at(3))
                .report(report("b1", "BR", "grid-b", "b.example", Sector.FINANCE), at(4))
                .report(report("b2", "KE", "grid-b", "b.example", Sector.FINANCE), at(5))
                .report(report("b3", "FR", "grid-b", "b.example", Sector.FINANCE), at(6));
        assertThat(chain.cases()).extracting(EmergencyCase::getTier).containsExactly(Tier.SEVERE, Tier.SEVERE);

        // when: DE reports grid-a with grid-b's domain: one incident, five countries, two critical sectors
        chain.report(report("m", "DE", "grid-a", "b.example", Sector.ENERGY), at(7));

        // then: the merged group is CRITICAL, and each report is evidence of one case only
        EmergencyCase first = chain.cases().get(0);
        EmergencyCase second = chain.cases().get(1);
        assertThat(first.getTier()).isEqualTo(Tier.CRITICAL);
        assertThat(first.getSignalIds()).contains("a1", "a2", "a3", "m");
        assertThat(second.getSignalIds()).as("signals listed by both cases").doesNotContainAnyElementsOf(first.getSignalIds());
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    /** A severity-5 disinformation report of a campaign, with one domain, in one sector. */
    private static CoordinationSignal report(String id, String country, String campaign, String domain, Sector sector) {
        return CoordinationSignals.campaign(id, country, campaign, 5).setCategory(Category.DISINFORMATION_CAMPAIGN)
                .setIndicators(List.of(new Indicator(IndicatorType.DOMAIN, domain))).setSectors(List.of(sector)).build();
    }
}
