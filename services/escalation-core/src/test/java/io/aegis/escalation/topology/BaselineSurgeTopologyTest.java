package io.aegis.escalation.topology;

import static io.aegis.testsupport.fixtures.CoordinationSignals.T0;
import static io.aegis.testsupport.fixtures.CoordinationSignals.indicator;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rate rule: a category against its own trailing baseline, through the real topology. */
class BaselineSurgeTopologyTest {

    static final String RULES = """
            windows: {short: PT1H}
            correlation: {resolution: PT1M}
            baseline: {trailing: PT24H, bucket: PT1H, minimumExpected: 1.0}
            rules:
              - {id: surge, tier: ELEVATED, window: short, when: {minSignals: 3, baselineFactor: 3.0}}
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
    void shouldEscalateWhenACategoryRunsAtThreeTimesItsTrailingRate() {
        // given: one deepfake-fraud report an hour for the past day (expected: about one per hour)
        history(1);

        // when: three reports within three minutes
        burst(3);

        // then: the third crosses three times the baseline. The burst is its own group: it shares an
        // indicator, while the hourly reports each carry their own (identity over likeness: reports
        // with disjoint indicators are separate incidents, whatever their category and sector)
        assertThat(driver.escalations()).extracting(EscalationTopologyTest::summary).containsExactly(
                "ioc:DOMAIN:burst.example ELEVATED<null [surge] [FR] [b0, b1, b2] PT1H n=3");
    }

    @Test
    void shouldNotEscalateTheSameBurstWhenTheCategoryIsUsuallyTwiceAsBusy() {
        // given: two reports an hour for the past day
        history(2);

        // when: the same burst of three
        burst(3);

        // then: three in an hour is 1.6 times the usual rate, below the factor 3, so nothing is announced
        assertThat(driver.escalations()).isEmpty();
    }

    private void history(int perHour) {
        for (int hour = 24; hour >= 2; hour--) {
            for (int i = 0; i < perHour; i++) {
                String id = "h" + hour + "-" + i;
                driver.send(report(id, id + ".example"), T0.minus(Duration.ofHours(hour)).plus(Duration.ofMinutes(i)));
            }
        }
        assertThat(driver.escalations()).isEmpty();
    }

    private void burst(int count) {
        for (int i = 0; i < count; i++) {
            driver.send(report("b" + i, "burst.example"), T0.plus(Duration.ofMinutes(i)));
        }
    }

    private static io.aegis.schema.routing.CoordinationSignal report(String id, String domain) {
        return indicator(id, "FR", domain, 2)
                .setCategory(Category.DEEPFAKE_FRAUD)
                .setSectors(List.of(Sector.FINANCE))
                .build();
    }
}
