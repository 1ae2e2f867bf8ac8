package io.aegis.node.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Requests no HTTP client library would send, written byte by byte: malformed percent escapes,
 * bytes above 0x7F in the request target and in headers, request lines and header blocks beyond the
 * server's bounds, header lines without a colon, contradictory or unreadable framing (Content-Length,
 * chunked encoding). Each is sent on its own connection.
 */
public final class RawRequests {

    /** A raw request and why it is invalid (null when it is only as valid as its parts). */
    public record Raw(byte[] bytes, String defect) {
    }

    private final Values v;

    public RawRequests(Values values) {
        this.v = values;
    }

    /**
     * A malformed version of {@code method target} with {@code headers} and {@code body}; {@code secured}
     * says whether a broken Authorization header is a defect on this route.
     */
    public Raw malformed(String method, String target, List<Map.Entry<String, String>> headers, byte[] body, boolean secured) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String query = target.contains("?") ? target.substring(target.indexOf('?')) : "";
        int kind = v.random.nextInt(secured ? 10 : 9);
        if (kind == 6 && body == null) {
            kind = 5;
        }
        String line = method + " " + target;
        String extra = "";
        String defect;
        byte[] payload = body;
        String framing = null;
        boolean complete = false;
        switch (kind) {
            case 0 -> {
                line = method + " " + path + v.oneOf(List.of("%ZZ", "%", "%G1", "%e", "%%", "%u0041")) + query;
                defect = "malformed percent escape in the path";
            }
            case 1 -> {
                line = method + " " + path + (query.isEmpty() ? "?" : query + "&") + "q=" + v.oneOf(List.of("%ZZ", "%", "%1"));
                defect = "malformed percent escape in the query";
            }
            case 2 -> {
                line = method + " " + path + "/" + "a".repeat(v.between(5000, 20_000)) + query;
                defect = "request line too long";
            }
            case 3 -> {
                extra = "X-Fuzz: " + "h".repeat(v.between(9000, 30_000)) + "\r\n";
                defect = "headers too large";
            }
            case 4 -> {
                extra = v.oneOf(List.of("Bad Header: y", "NoColon", ": empty-name", "X\u0000Y: z")) + "\r\n";
                defect = "header line that is not a header";
            }
            case 5 -> {
                framing = "Content-Length: " + v.oneOf(List.of("abc", "-1", "1, 2", "0x10")) + "\r\n";
                defect = "unreadable Content-Length";
            }
            case 6 -> {
                framing = "Transfer-Encoding: chunked\r\n";
                payload = ("ZZ\r\n" + new String(body == null ? new byte[0] : body, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                defect = "malformed chunked body";
            }
            case 7 -> {
                // (not a leading control character or space: Netty skips those, as RFC 9112 2.2 lets a server do)
                line = v.oneOf(List.of("HELLO", method, method + " " + target + " HTTP/1.1 extra", method + " " + target + " HTTP/1.x",
                        method + " " + target + " FTP/1.1"));
                complete = true;
                defect = "malformed request line";
            }
            case 8 -> {
                line = method + " " + path + "/\u00ff\u00fe\u0080" + query;
                defect = "bytes above 0x7F in the request target";
            }
            default -> {
                extra = "Authorization: Bearer " + v.oneOf(List.of("\u00ff\u00c3(", "\u00e9t\u00e9", "\u0080")) + "\r\n";
                defect = "Authorization header with bytes above 0x7F";
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, (complete ? line : line + " HTTP/1.1") + "\r\n");
        write(out, "Host: localhost\r\nConnection: close\r\n");
        for (Map.Entry<String, String> header : headers) {
            if (!(kind == 9 && header.getKey().equals("Authorization"))) {
                write(out, header.getKey() + ": " + header.getValue() + "\r\n");
            }
        }
        write(out, extra);
        if (framing != null) {
            write(out, framing);
        } else if (payload != null) {
            write(out, "Content-Length: " + payload.length + "\r\n");
        }
        write(out, "\r\n");
        if (payload != null) {
            out.writeBytes(payload);
        }
        return new Raw(out.toByteArray(), defect);
    }

    /** A request whose headers carry any characters (sent as UTF-8): what a client library refuses to send. */
    public static byte[] plain(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> header : headers) {
            String value = header.getValue().replace('\r', '?').replace('\n', '?');
            out.writeBytes((header.getKey() + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (body != null) {
            out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
