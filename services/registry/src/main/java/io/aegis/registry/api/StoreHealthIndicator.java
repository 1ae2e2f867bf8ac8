package io.aegis.registry.api;

import io.aegis.registry.domain.SchemaStore;
import io.aegis.registry.domain.SchemaStore.StoreStatus;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * Reports the schema store in {@code /health}: UP once the store topic has been read to its end
 * at start-up and the reader is following it, DOWN before that or while the reader fails.
 */
@Singleton
class StoreHealthIndicator implements HealthIndicator {

    private final SchemaStore store;

    StoreHealthIndicator(SchemaStore store) {
        this.store = store;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        StoreStatus status = store.status();
        return Publishers.just(HealthResult.builder("schemaStore", status.ready() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("ready", status.ready(), "detail", status.detail()))
                .build());
    }
}
