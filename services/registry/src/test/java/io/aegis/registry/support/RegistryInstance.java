package io.aegis.registry.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One running registry (its own Micronaut context and HTTP port) on a given broker and store
 * topic, with a raw HTTP client so tests see exactly the statuses, types and bodies clients see.
 */
public final class RegistryInstance implements AutoCloseable {

    public static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RegistryInstance(EmbeddedServer server) {
        this.server = server;
    }

    /**
     * Starts a registry and waits until its store has caught up with the topic.
     *
     * @param topic the store topic, or null for the configured default
     */
    public static RegistryInstance start(String bootstrapServers, String topic) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "aegis.registry.timeout", "15s",
                "micronaut.server.port", -1));
        if (topic != null) {
            properties.put("aegis.registry.topic", topic);
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        RegistryInstance instance = new RegistryInstance(server);
        await().atMost(Duration.ofSeconds(30)).until(() -> instance.get("/health").status() == 200);
        return instance;
    }

    public String url() {
        return server.getURL().toString();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    public Response post(String path, String body) {
        return post(path, V1_JSON, body);
    }

    public Response post(String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String body) {
        return send(builder(path).header("Content-Type", V1_JSON).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The JSON body Confluent clients send to register or look up {@code schema}. */
    public static String schemaBody(String schema) {
        return json(Map.of("schema", schema));
    }

    /** Any value as JSON text. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", V1_JSON + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5");
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }

    /** An HTTP answer: status, content type and body (parsed on demand). */
    public record Response(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public int errorCode() {
            return json().path("error_code").asInt();
        }

        public int id() {
            return json().path("id").asInt();
        }
    }
}
