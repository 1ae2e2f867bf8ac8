package io.aegis.node.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStoresHealthIndicatorTest {

    @Test
    void shouldReportDownNamingTheStoresStillRestoring() {
        HealthResult result = LocalStoresHealthIndicator.result(List.of("cases", "inbox-items"));

        assertEquals(HealthStatus.DOWN, result.getStatus());
        assertEquals(List.of("cases", "inbox-items"), ((Map<?, ?>) result.getDetails()).get("notReady"));
    }

    @Test
    void shouldReportUpWhenEveryStoreCanBeRead() {
        assertEquals(HealthStatus.UP, LocalStoresHealthIndicator.result(List.of()).getStatus());
    }
}
