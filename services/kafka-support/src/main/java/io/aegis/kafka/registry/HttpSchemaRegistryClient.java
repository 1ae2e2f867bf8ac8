package io.aegis.kafka.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of a Confluent Schema Registry REST API (Confluent, Apicurio's ccompat, Karapace or
 * the Aegis registry). Caches ids by schema and schemas by id for the life of the client;
 * retries connection failures and 5xx answers a bounded number of times with backoff
 * ({@link RetryPolicy}); 4xx answers are not retried. Every failure is a
 * {@link SchemaRegistryException} naming the URL and the operation; a 401 says the credentials
 * were refused (or that none were sent), a 403 that the operation was forbidden to the user.
 * Optional HTTP Basic credentials go with every request, as Confluent's clients send them.
 * Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

    private final String baseUrl;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final String authorization;
    private final String username;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(String baseUrl) {
        this(baseUrl, RetryPolicy.DEFAULT);
    }

    public HttpSchemaRegistryClient(String baseUrl, RetryPolicy retry) {
        this(baseUrl, retry, null);
    }

    /**
     * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication (as Confluent's
     *                          {@code basic.auth.user.info}), or null for none
     */
    public HttpSchemaRegistryClient(String baseUrl, RetryPolicy retry, String basicAuthUserInfo) {
        this.baseUrl = normalise(baseUrl);
        this.retry = Objects.requireNonNull(retry, "retry");
        // HTTP/1.1: registries and proxies in front of them need not support an h2c upgrade
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(retry.requestTimeout()).build();
        this.authorization = basicAuth(basicAuthUserInfo);
        this.username = basicAuthUserInfo == null ? null : basicAuthUserInfo.substring(0, basicAuthUserInfo.indexOf(':'));
    }

    /**
     * The client every service builds from {@code aegis.registry.url}, {@code aegis.registry.username}
     * and {@code aegis.registry.password}: default retries, and HTTP Basic credentials when both are set.
     *
     * @param username null or blank for none
     * @param password null or blank for none
     * @throws IllegalArgumentException naming the key when only one of username and password is set
     */
    public static HttpSchemaRegistryClient create(String baseUrl, String username, String password) {
        return new HttpSchemaRegistryClient(baseUrl, RetryPolicy.DEFAULT,
                RegistryCredentials.of(username, password).map(RegistryCredentials::userInfo).orElse(null));
    }

    /** The registry base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        String key = cacheKey(subject, schema);
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String operation = "register schema " + schema.getFullName() + " under subject '" + subject + "'";
        JsonNode answer = call(operation, post("/subjects/" + encode(subject) + "/versions", schema));
        return remember(key, ConfluentJson.requireId(baseUrl, operation, answer), schema);
    }

    @Override
    public int getId(String subject, Schema schema) {
        String key = cacheKey(subject, schema);
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String operation = "look up schema " + schema.getFullName() + " under subject '" + subject + "'";
        JsonNode answer = call(operation, post("/subjects/" + encode(subject), schema));
        return remember(key, ConfluentJson.requireId(baseUrl, operation, answer), schema);
    }

    @Override
    public Schema getSchemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String operation = "get schema by id " + id;
        JsonNode answer = call(operation, request("/schemas/ids/" + id).GET().build());
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw SchemaRegistryException.unreachable(baseUrl, operation,
                    "answer has no \"schema\" string: " + answer, null);
        }
        try {
            Schema schema = new Schema.Parser().parse(text.asText());
            Schema earlier = schemasById.putIfAbsent(id, schema);
            return earlier != null ? earlier : schema;
        } catch (SchemaParseException e) {
            throw SchemaRegistryException.unreachable(baseUrl, operation,
                    "answer is not an Avro schema: " + e.getMessage(), e);
        }
    }

    // network calls happen outside the caches' locks; concurrent misses may ask twice, which is harmless
    private int remember(String key, int id, Schema schema) {
        idsBySubjectAndSchema.putIfAbsent(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private JsonNode call(String operation, HttpRequest request) {
        SchemaRegistryException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(operation, attempt, last);
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return ConfluentJson.parse(baseUrl, operation, response.body());
                }
                last = ConfluentJson.errorFrom(baseUrl, operation, response.statusCode(), response.body());
                if (response.statusCode() < 500) {
                    throw refusal(last);
                }
            } catch (IOException e) {
                last = SchemaRegistryException.unreachable(baseUrl, operation,
                        "cannot reach the registry (" + describe(e) + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SchemaRegistryException.unreachable(baseUrl, operation, "interrupted", e);
            }
        }
        throw new SchemaRegistryException(baseUrl, operation + " after " + retry.maxAttempts() + " attempts",
                last.httpStatus(), last.errorCode(), last.detail(), last);
    }

    /** A 401 or 403 restated as what the operator must fix; any other error as it is. */
    private SchemaRegistryException refusal(SchemaRegistryException error) {
        String detail;
        if (error.httpStatus() == 401) {
            detail = username == null
                    ? "the registry requires credentials and none were sent (configure a registry user and password)"
                    : "the registry refused the credentials of user '" + username + "' (wrong user name or password)";
        } else if (error.httpStatus() == 403) {
            detail = "the registry forbade this to user '" + username + "' (a write needs a registry admin,"
                    + " or a user granted the subject)";
        } else {
            return error;
        }
        return new SchemaRegistryException(baseUrl, error.operation(), error.httpStatus(), error.errorCode(),
                detail + ": " + error.detail(), null);
    }

    private void pause(String operation, int attempt, SchemaRegistryException cause) {
        long millis = retry.backoffAfter(attempt - 1).toMillis();
        LOG.warn("schema registry {}: {} failed ({}), attempt {} of {} in {} ms",
                baseUrl, operation, cause.getMessage(), attempt, retry.maxAttempts(), millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SchemaRegistryException.unreachable(baseUrl, operation, "interrupted while retrying", e);
        }
    }

    private HttpRequest post(String path, Schema schema) {
        String body = ConfluentJson.schemaBody(schema);
        return request(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(retry.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .header("Content-Type", CONTENT_TYPE);
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static String basicAuth(String userInfo) {
        if (userInfo == null) {
            return null;
        }
        if (!userInfo.contains(":")) {
            throw new IllegalArgumentException("basic.auth.user.info must have the form user:password");
        }
        return "Basic " + java.util.Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static String cacheKey(String subject, Schema schema) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        return subject + '\n' + schema.toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String normalise(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema registry URL must not be blank");
        }
        String trimmed = url.trim();
        URI uri = URI.create(trimmed);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("schema registry URL must be http or https, got '" + url + "'");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
