package io.aegis.node.messaging;

import io.aegis.kafka.registry.RegistryCredentials;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

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

/**
 * Reports the schema registry UP when its {@code /subjects} answers 200 within two seconds, asked
 * as the node's own registry user (a registry that refuses the node's credentials is DOWN for it).
 */
@Singleton
@Requires(property = "aegis.registry.url")
public class RegistryHealthIndicator implements HealthIndicator {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI subjects;
    private final Optional<RegistryCredentials> credentials;

    public RegistryHealthIndicator(@Value("${aegis.registry.url}") String url,
                                   @Nullable @Property(name = RegistryCredentials.USERNAME_KEY) String username,
                                   @Nullable @Property(name = RegistryCredentials.PASSWORD_KEY) String password) {
        this.subjects = URI.create(url.endsWith("/") ? url + "subjects" : url + "/subjects");
        this.credentials = RegistryCredentials.of(username, password);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(subjects).timeout(Duration.ofSeconds(2)).GET();
        credentials.ifPresent(login -> builder.header("Authorization", login.authorizationHeader()));
        HttpRequest request = builder.build();
        return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(r -> HealthResult.builder("schemaRegistry", r.statusCode() == 200 ? HealthStatus.UP : HealthStatus.DOWN)
                        .details(Map.of("url", subjects.toString(), "status", r.statusCode())).build())
                .onErrorResume(e -> Mono.just(HealthResult.builder("schemaRegistry", HealthStatus.DOWN)
                        .details(Map.of("url", subjects.toString(), "error", String.valueOf(e.getMessage()))).build()));
    }
}
