package io.aegis.devstack.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A small JSON client for one node's HTTP API, authenticated with one bearer token. Every
 * call answers a {@link Reply}; it is the caller's business to decide which statuses are
 * acceptable, so that the demo can show refusals as well as successes.
 */
public final class NodeClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String country;
    private final URI base;
    private final String token;

    /** The answer of a call: status code and the JSON body as a map (empty when there was none). */
    public record Reply(int status, Map<String, Object> body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public NodeClient(String country, URI base, String token) {
        this.country = country;
        this.base = base;
        this.token = token;
    }

    public String country() {
        return country;
    }

    /** The same node with another user's token. */
    public NodeClient as(String otherToken) {
        return new NodeClient(country, base, otherToken);
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public Reply postJson(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    public Reply put(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /**
     * A TAXII 2.1 read as a common TAXII client makes it: HTTP Basic with the token as password, and
     * the TAXII media type.
     */
    public Reply taxii(String path) throws IOException, InterruptedException {
        String basic = java.util.Base64.getEncoder().encodeToString(("taxii-client:" + token).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Basic " + basic).header("Accept", "application/taxii+json;version=2.1").GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private static Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        if (text == null || text.isBlank()) {
            return new Reply(response.statusCode(), Map.of());
        }
        try {
            return new Reply(response.statusCode(), JSON.readValue(text, new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            return new Reply(response.statusCode(), Map.of("text", text));
        }
    }
}
