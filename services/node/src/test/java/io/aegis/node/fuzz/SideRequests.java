package io.aegis.node.fuzz;

import io.aegis.node.fuzz.FuzzRequest.Transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.aegis.node.fuzz.RequestFactory.pct;

/**
 * Requests beside the routes: the console's static files (a valid GET must answer the file's exact
 * bytes; other paths under /console/, traversals included, a 4xx; a write 405) and paths no route serves.
 */
final class SideRequests {

    private static final Set<Integer> ANY = Set.of();
    private final Values v;
    private final Inputs inputs;
    private final RequestFactory.Known known;
    private final Map<String, byte[]> console;

    SideRequests(Values values, Inputs inputs, RequestFactory.Known known, Map<String, byte[]> console) {
        this.v = values;
        this.inputs = inputs;
        this.known = known;
        this.console = console;
    }

    /** A request to a console file or a path under /console/. */
    FuzzRequest console() {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (v.chance(0.3)) {
            headers.add(Map.entry("Authorization", "Bearer " + v.word()));
        }
        String file = v.oneOf(List.copyOf(console.keySet()));
        String query = v.chance(0.2) ? "?" + pct(inputs.unknownName()) + "=" + pct(v.text()) : "";
        return switch (v.random.nextInt(10)) {
            case 0, 1, 2, 3 -> {
                String method = v.chance(0.8) ? "GET" : "HEAD";
                yield new FuzzRequest("static /console/**", "static file", method, "/console/" + file + query, headers, null,
                        Transport.CLIENT, List.of(), Set.of(200), console.get(file), false);
            }
            case 4 -> new FuzzRequest("static /console/**", "static index", "GET", "/console/" + query, headers, null,
                    Transport.CLIENT, List.of(), Set.of(200), console.get("index.html"), false);
            case 5, 6, 7 -> {
                String junk = v.oneOf(List.of("../application.yml", "..%2Fapplication.yml", "%2e%2e/application.yml",
                        "js/../../logback.xml", "..%5c..%5capplication.yml", pct(v.text()) + ".js", v.word(),
                        file + "%00.html", file + "/", "js/" + v.word() + ".js", "%2F%2Fetc%2Fpasswd", "..", "."));
                String target = "/console/" + junk;
                String named = junk.endsWith("/") ? junk.substring(0, junk.length() - 1) : junk; // a trailing slash names the file too
                boolean exists = console.containsKey(named);
                yield new FuzzRequest("static /console/**", "static missing", "GET", target, headers, null, Transport.CLIENT,
                        exists ? List.of() : List.of("no such file"), exists ? Set.of(200) : ANY, exists ? console.get(named) : null, false);
            }
            default -> {
                String method = v.oneOf(List.of("POST", "PUT", "DELETE", "PATCH"));
                List<Map.Entry<String, String>> withType = new ArrayList<>(headers);
                withType.add(Map.entry("Content-Type", "application/json"));
                yield new FuzzRequest("static /console/**", "static write", method, "/console/" + file, withType,
                        BodyFuzz.bytes(v.json(2)), Transport.CLIENT, List.of("method not allowed on a static file"), Set.of(405), null, false);
            }
        };
    }

    /** A request to a path no route serves. */
    FuzzRequest unrouted() {
        String path = v.oneOf(List.of("/api/v1/" + pct(v.word()), "/" + pct(v.text()), "/api/v2/signals", "/api/v1/signals/x/y/z",
                "/API/V1/INBOX", "/api/v1/inbox/x/y", "/api", "/api/v1", "/", "/health/liveness/x", "/openapi/x", "/metrics",
                "/env", "/beans", "/loggers", "/routes", "/token_info", "/oauth/access_token", "/swagger-ui"));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (v.random.nextBoolean()) {
            headers.add(Map.entry("Authorization", "Bearer " + v.oneOf(List.copyOf(known.tokensByRole().values()))));
        }
        String method = v.oneOf(List.of("GET", "GET", "POST", "PUT", "DELETE"));
        byte[] body = method.equals("GET") || method.equals("DELETE") ? null : BodyFuzz.bytes(v.json(2));
        if (body != null) {
            headers.add(Map.entry("Content-Type", v.oneOf(List.of("application/json", "application/x-www-form-urlencoded"))));
        }
        return new FuzzRequest("unrouted", "unrouted", method, path, headers, body, Transport.CLIENT, List.of("no such route"),
                ANY, null, false);
    }
}
