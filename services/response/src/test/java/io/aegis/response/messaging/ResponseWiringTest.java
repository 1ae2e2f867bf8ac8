package io.aegis.response.messaging;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryException;
import io.aegis.response.config.InvalidConfigException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up wiring without a broker (Kafka Streams switched off): configuration is checked first. */
class ResponseWiringTest {

    @TempDir
    Path emptyInfra;

    @Test
    void shouldRefuseToStartWithoutItsRulesAndRosters() {
        // the workflow is built eagerly so a broken installation fails at start-up, naming the file
        BeanInstantiationException error = assertThrows(BeanInstantiationException.class, () -> ApplicationContext.run(Map.of(
                "kafka.streams.enabled", "false",
                "aegis.infra.dir", emptyInfra.toString())));

        Throwable cause = error;
        while (cause != null && !(cause instanceof InvalidConfigException)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof InvalidConfigException, String.valueOf(error));
        assertTrue(cause.getMessage().contains(emptyInfra.resolve("response.yaml").toString()), cause.getMessage());
    }

    @Test
    void shouldAuthenticateToTheRegistryWithTheConfiguredCredentials() throws IOException {
        // the factory method Micronaut calls with aegis.registry.url, .username and .password
        // given a registry endpoint that records the Authorization header and refuses, as a registry refusing a user
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try {
            SchemaRegistryClient client = new ResponseStreamFactory().schemaRegistryClient(
                    "http://127.0.0.1:" + registry.getAddress().getPort(), "aegis-response", "generated-secret");

            // when the service's registry client makes a call
            SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> client.getSchemaById(1));

            // then it sent the configured credentials as HTTP Basic, and says they were refused
            assertEquals(List.of("Basic " + Base64.getEncoder().encodeToString(
                    "aegis-response:generated-secret".getBytes(StandardCharsets.UTF_8))), authorizations);
            assertTrue(refused.getMessage().contains("refused the credentials of user 'aegis-response'"), refused.getMessage());
        } finally {
            registry.stop(0);
        }
    }
}
