package io.aegis.node.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One generated request and what the node may answer. A request with {@code defects} is invalid by
 * construction and must get a 4xx in the error shape ({@code exact} narrows the status when a single
 * defect decides it); a request without defects is a legitimately valid read (GET or HEAD) and must
 * get one of {@code exact}, normally 200.
 *
 * @param route     the route it targets, as {@code METHOD /template} (or {@code static /console/**})
 * @param category  what the generator varied (auth, body, params, ...), for the report
 * @param method    the HTTP method sent
 * @param target    path and query, percent-encoded (for {@link Transport#RAW}: unused)
 * @param headers   header names and values, in order
 * @param body      the body bytes (for {@link Transport#RAW}: the whole request), or null
 * @param transport how the bytes reach the node
 * @param defects   why the request is invalid; empty for a valid read
 * @param exact     the statuses allowed; empty means any 4xx
 * @param expectedBody for a valid static file: the bytes it must answer with, else null
 * @param stream    whether the route is an event stream: a valid request to one may stay idle (the node sends a
 *                  stream's headers with its first event, and the filters may match nothing yet)
 */
public record FuzzRequest(String route, String category, String method, String target, List<Map.Entry<String, String>> headers,
                          byte[] body, Transport transport, List<String> defects, Set<Integer> exact, byte[] expectedBody,
                          boolean stream) {

    /** The status recorded for a valid event stream that sent nothing within {@link Sender#IDLE}. */
    public static final int IDLE = 0;

    /** How a request is sent. */
    public enum Transport {
        /** java.net.http with a fixed-length body. */
        CLIENT,
        /** java.net.http with a chunked body of unknown length. */
        CHUNKED,
        /** A raw socket: bytes no HTTP client would send (malformed request line, escapes, headers). */
        RAW
    }

    public boolean valid() {
        return defects.isEmpty();
    }

    public boolean allows(int status) {
        if (status == IDLE) {
            return stream && valid();
        }
        if (!exact.isEmpty()) {
            return exact.contains(status);
        }
        return status >= 400 && status < 500;
    }

    /** A description for failure reports (the body cut to a thousand characters). */
    public String describe() {
        String text = body == null ? "" : new String(body, 0, Math.min(body.length, 1000), StandardCharsets.ISO_8859_1);
        return method + " " + (transport == Transport.RAW ? "(raw)" : target) + " [" + category + "] defects=" + defects
                + " headers=" + headers.stream().map(h -> h.getKey() + ": " + cut(h.getValue())).toList()
                + " body(" + (body == null ? 0 : body.length) + ")=" + text.replaceAll("[\\r\\n]", "⏎");
    }

    private static String cut(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…(" + value.length() + ")" : value;
    }
}
