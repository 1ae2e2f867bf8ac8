package io.aegis.devstack.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One server-sent-event stream of a node ({@code /api/v1/notifications/stream},
 * {@code /api/v1/inbox/stream}) read on its own thread, as a duty officer's console reads it.
 * Every complete event is handed to the listener with the {@link System#nanoTime()} at which its
 * last line arrived, so that latency is measured where an officer would see it. A node sends the
 * stream's headers only with its first event, so {@link #open} does not wait for them: a refusal
 * or a broken connection shows in {@link #failure()}. After {@link #close()} the listener is
 * called no more.
 */
public final class SseSubscription implements AutoCloseable {

    /** One event: its id (the node's cursor), name, JSON data and arrival time. */
    public record Event(String id, String name, Map<String, Object> data, long receivedNanos) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Thread reader;
    private final AtomicReference<InputStream> body = new AtomicReference<>();
    private volatile boolean closed;

    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private SseSubscription(URI url, String token, Consumer<Event> listener) {
        this.reader = new Thread(() -> read(url, token, listener), "sse-" + url.getPort());
        this.reader.setDaemon(true);
    }

    /** Starts reading {@code url} with a bearer token on a thread of its own. */
    public static SseSubscription open(URI url, String token, Consumer<Event> listener) {
        SseSubscription subscription = new SseSubscription(url, token, listener);
        subscription.reader.start();
        return subscription;
    }

    /** Why the stream failed (status other than 200, connection lost), if it did. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure.get());
    }

    private void read(URI url, String token, Consumer<Event> listener) {
        HttpRequest request = HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body.set(response.body());
            if (response.statusCode() != 200) {
                failure.set(new IOException(url + " answered " + response.statusCode()));
                return;
            }
            parse(new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)), listener);
            if (!closed) {
                failure.set(new IOException(url + " ended the stream"));
            }
        } catch (IOException | InterruptedException e) {
            if (!closed) {
                failure.set(e);
            }
        }
    }

    private void parse(BufferedReader lines, Consumer<Event> listener) throws IOException {
        String id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    listener.accept(new Event(id, name, JSON.readValue(data.toString(),
                            new TypeReference<Map<String, Object>>() { }), System.nanoTime()));
                }
                id = null;
                name = "message";
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream stream = body.get();
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // The connection is being torn down either way; nothing is left to read from it.
            }
        }
        reader.interrupt();
    }
}
