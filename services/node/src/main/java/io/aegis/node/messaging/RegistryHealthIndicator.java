package io.aegis.node.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Reports the schema registry UP when its {@code /subjects} answers 200 within two seconds. */
@Singleton
@Requires(property = "aegis.registry.url")
public class RegistryHealthIndicator implements HealthIndicator {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI subjects;

    public RegistryHealthIndicator(@Value("${aegis.registry.url}") String url) {
        this.subjects = URI.create(url.endsWith("/") ? url + "subjects" : url + "/subjects");
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HttpRequest request = HttpRequest.newBuilder(subjects).timeout(Duration.ofSeconds(2)).GET().build();
        return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(r -> HealthResult.builder("schemaRegistry", r.statusCode() == 200 ? HealthStatus.UP : HealthStatus.DOWN)
                        .details(Map.of("url", subjects.toString(), "status", r.statusCode())).build())
                .onErrorResume(e -> Mono.just(HealthResult.builder("schemaRegistry", HealthStatus.DOWN)
                        .details(Map.of("url", subjects.toString(), "error", String.valueOf(e.getMessage()))).build()));
    }
}
