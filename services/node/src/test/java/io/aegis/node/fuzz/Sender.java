package io.aegis.node.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Sends {@link FuzzRequest}s to a running node over real HTTP: java.net.http (HTTP/1.1, pooled
 * keep-alive connections) for what a client can express, a raw socket for what it cannot. An
 * event stream is not read (it never ends): its status and content type are enough.
 */
public final class Sender {

    /** What came back: status, content type and body (null for an event stream or no body). */
    public record Reply(int status, String contentType, byte[] body) {
    }

    /** How long a valid event stream may stay silent before it counts as open and idle. */
    public static final Duration IDLE = Duration.ofMillis(800);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String host;
    private final int port;

    public Sender(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public Reply send(FuzzRequest request) throws IOException, InterruptedException {
        if (request.transport() != FuzzRequest.Transport.RAW) {
            return client(request);
        }
        try {
            return raw(request.body(), request.stream() && request.valid() ? IDLE : Duration.ofSeconds(30));
        } catch (java.net.SocketTimeoutException e) {
            if (request.stream() && request.valid()) {
                return new Reply(FuzzRequest.IDLE, "", null);
            }
            throw e;
        }
    }

    private Reply client(FuzzRequest request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : request.transport() == FuzzRequest.Transport.CHUNKED
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + request.target()))
                .timeout(request.stream() && request.valid() ? IDLE : Duration.ofSeconds(30)).method(request.method(), body);
        for (Map.Entry<String, String> header : request.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            if (request.stream() && request.valid()) {
                return new Reply(FuzzRequest.IDLE, "", null);
            }
            throw e;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream in = response.body()) {
            return new Reply(response.statusCode(), type, type.startsWith("text/event-stream") ? null : in.readAllBytes());
        }
    }

    /** One request on its own connection ({@code Connection: close} is in the bytes), read to the end. */
    private Reply raw(byte[] bytes, Duration timeout) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // the node may answer and close before reading everything (e.g. 413): read what it said
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            return parse(all.toByteArray());
        }
    }

    static Reply parse(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || headEnd < 0) {
            throw new IOException("no HTTP answer: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String type = "";
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("content-type:")) {
                type = lines[i].substring("content-type:".length()).trim();
            } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(response, headEnd + 4, response.length);
        return new Reply(status, type, chunked ? dechunk(rest) : rest);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }
}
