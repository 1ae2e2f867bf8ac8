package io.aegis.node.messaging;

import io.aegis.node.topology.StoreNames;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;

/**
 * Readiness of the node's local state stores: DOWN, naming the stores still being restored,
 * until the API can read every one of them. Without it a node reports healthy while its inbox,
 * cases or notifications would answer 503, so launchers and load balancers would send users to
 * a node that cannot serve them yet. Readiness only: a restoring node is alive, not broken.
 */
@Singleton
@Readiness
public class LocalStoresHealthIndicator implements HealthIndicator {

    private final NodeStores stores;

    public LocalStoresHealthIndicator(NodeStores stores) {
        this.stores = stores;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(() -> result(stores.unreadable(StoreNames.ALL)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    static HealthResult result(List<String> waiting) {
        return HealthResult.builder("localStores", waiting.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("stores", StoreNames.ALL.size(), "notReady", waiting))
                .build();
    }
}
