package io.aegis.pipeline;

import static io.aegis.testsupport.fixtures.CoordinationSignals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.NotificationKind;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.testsupport.fixtures.CoordinationSignals;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two incidents that each reached a case turn out to be one (a report carries the first campaign and
 * the second campaign's domain): the groups merge, the first (older) group survives. Found by
 * {@link CaseEvidencePropertiesTest}: before the fold, the survivor's next tier rise named every signal of
 * its window, the absorbed group's included, so both cases listed the second incident's signals and the
 * second case stayed open without ever hearing of its incident again. Now the merging record names the
 * absorbed group and the response service folds its case into the survivor's.
 */
class CasesOfMergedGroupsTest {

    private final CaseChain chain = new CaseChain(T0);

    @AfterEach
    void close() {
        chain.close();
    }

    @Test
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

        // then: the merged group is CRITICAL; its case takes in the second case's reports, the second case is
        // resolved as merged into the first, and each report is listed on one open case only
        EmergencyCase first = chain.cases().get(0);
        EmergencyCase second = chain.cases().get(1);
        assertThat(first.getTier()).isEqualTo(Tier.CRITICAL);
        assertThat(first.getState()).isNotEqualTo(CaseState.RESOLVED);
        assertThat(first.getSignalIds()).containsExactlyInAnyOrder("a1", "a2", "a3", "b1", "b2", "b3", "m");
        assertThat(first.getInvolvedCountries()).containsAll(List.of("BR", "DE", "FR", "JP", "KE"));
        assertThat(second.getState()).isEqualTo(CaseState.RESOLVED);
        assertThat(second.getResolution()).isEqualTo("merged into " + first.getCaseId());
        assertThat(chain.escalations()).filteredOn(e -> !e.getAbsorbedGroups().isEmpty())
                .extracting(e -> e.getAbsorbedGroups()).containsExactly(List.of(second.getCorrelationKey()));
        assertThat(chain.notifications("KE")).filteredOn(n -> second.getCaseId().equals(n.getCaseId()))
                .filteredOn(n -> n.getKind() == NotificationKind.CASE_RESOLVED).isNotEmpty()
                .allSatisfy(n -> assertThat(n.getMessage()).contains(first.getCaseId()));

        // and: a later report of the absorbed campaign reaches the first case, never the resolved one
        chain.report(report("b4", "KE", "grid-b", "b.example", Sector.FINANCE), at(8));
        assertThat(chain.cases()).hasSize(2);
        assertThat(chain.cases().get(0).getSignalIds()).contains("b4");
        assertThat(chain.cases().get(1).getSignalIds()).doesNotContain("b4");
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
