package io.aegis.registry.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.registry.security.UserDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One running registry (its own Micronaut context and HTTP port) on a given broker and store
 * topic, with a raw HTTP client so tests see exactly the statuses, types and bodies clients see.
 * It is configured with three users: {@link #ADMIN}, {@link #READER} (no writes) and
 * {@link #IMPORTER} (may register under {@link #IMPORTER_PREFIX}); the instance's own
 * {@code get/post/put/delete} act as the admin, {@link #as} and {@link #anonymous} as others.
 */
public final class RegistryInstance implements AutoCloseable {

    public static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-7f3c9a1e5b2d4c6f8a0b";
    public static final String READER = "reader";
    public static final String READER_PASSWORD = "reader-2b8e4d6f0a1c3e5g7h9i";
    public static final String IMPORTER = "importer";
    public static final String IMPORTER_PASSWORD = "importer-9d1f3b5h7j2k4m6n8p";
    public static final String IMPORTER_PREFIX = "sandbox.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Client admin;

    private RegistryInstance(EmbeddedServer server) {
        this.server = server;
        this.admin = as(ADMIN, ADMIN_PASSWORD);
    }

    /**
     * Starts a registry with the three test users and waits until its store has caught up with the topic.
     *
     * @param topic the store topic, or null for the configured default
     */
    public static RegistryInstance start(String bootstrapServers, String topic) {
        Map<String, Object> properties = new HashMap<>(users());
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("aegis.registry.timeout", "15s");
        properties.put("micronaut.server.port", -1);
        if (topic != null) {
            properties.put("aegis.registry.topic", topic);
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        RegistryInstance instance = new RegistryInstance(server);
        await().atMost(Duration.ofSeconds(30)).until(() -> instance.anonymous().get("/health").status() == 200);
        return instance;
    }

    /** The configuration of the three test users, as {@code aegis.registry.auth.users.*} properties. */
    public static Map<String, Object> users() {
        String users = UserDirectory.USERS_KEY + ".";
        return Map.of(
                users + ADMIN + ".password-sha256", io.aegis.kafka.crypto.SecretHash.hex(ADMIN_PASSWORD),
                users + ADMIN + ".admin", true,
                users + READER + ".password-sha256", io.aegis.kafka.crypto.SecretHash.hex(READER_PASSWORD),
                users + IMPORTER + ".password-sha256", io.aegis.kafka.crypto.SecretHash.hex(IMPORTER_PASSWORD),
                users + IMPORTER + ".write-subjects", List.of(IMPORTER_PREFIX));
    }

    public String url() {
        return server.getURL().toString();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** Requests sent with these HTTP Basic credentials. */
    public Client as(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Client("Basic " + token);
    }

    /** Requests sent without credentials. */
    public Client anonymous() {
        return new Client(null);
    }

    public Response get(String path) {
        return admin.get(path);
    }

    public Response delete(String path) {
        return admin.delete(path);
    }

    public Response post(String path, String body) {
        return admin.post(path, body);
    }

    public Response post(String path, String contentType, String body) {
        return admin.post(path, contentType, body);
    }

    public Response put(String path, String body) {
        return admin.put(path, body);
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

    /** Requests to this registry with one set of credentials (or none). */
    public final class Client {

        private final String authorization;

        private Client(String authorization) {
            this.authorization = authorization;
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

        private HttpRequest.Builder builder(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", V1_JSON + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5");
            return authorization == null ? builder : builder.header("Authorization", authorization);
        }

        private Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.headers().firstValue("WWW-Authenticate").orElse(""), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }

    /** An HTTP answer: status, content type, WWW-Authenticate challenge ("" when none) and body (parsed on demand). */
    public record Response(int status, String contentType, String challenge, String body) {

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
