package io.aegis.node.fuzz;

import io.aegis.node.fuzz.FuzzRequest.Transport;
import io.aegis.node.security.UserDirectory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.aegis.node.fuzz.RequestFactory.ANY;
import static io.aegis.node.fuzz.RequestFactory.pct;

/**
 * A request to one route under construction: valid (the right role's token, the ids the test set up,
 * valid parameters, a valid body of an accepted content type) until a category changes something.
 * Each change the contract refuses is a defect, with the statuses that may answer it when it is the
 * request's only one.
 */
final class Draft {

    private record Defect(String what, Set<Integer> statuses) {
    }

    private final RequestFactory factory;
    private final Values v;
    private final RequestFactory.Known known;
    final RouteSpec route;
    final List<String> categories = new ArrayList<>();
    final List<Defect> defects = new ArrayList<>();
    final Set<Integer> alsoAllowed = new HashSet<>();
    final Map<String, String> path = new LinkedHashMap<>();
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    String method;
    byte[] body;
    Transport transport = Transport.CLIENT;
    byte[] rawBytes;

    Draft(RequestFactory factory, RouteSpec route) {
        this.factory = factory;
        this.v = factory.values;
        this.known = factory.known;
        this.route = route;
        this.method = route.method();
        route.pathVariables().forEach(p -> path.put(p, factory.knownPathValue(route, p)));
        if (route.authenticated()) {
            headers.put("Authorization", "Bearer " + rightToken());
        } else if (v.chance(0.3)) {
            headers.put("Authorization", "Bearer " + v.word());
        }
        route.query().keySet().forEach(name -> {
            if (v.chance(0.4)) {
                Inputs.Value value = factory.inputs.validQuery(name);
                query.add(Map.entry(name, value.text()));
            }
        });
        if (v.chance(0.15)) {
            query.add(Map.entry(factory.inputs.unknownName(), v.text()));
        }
        if (route.body()) {
            validBody();
        }
    }

    String rightToken() {
        List<String> roles = route.roles().isEmpty() ? List.copyOf(known.tokensByRole().keySet()) : route.roles();
        return known.tokensByRole().get(v.oneOf(roles));
    }

    void validBody() {
        if (route.name().equals(Contract.POLICY)) {
            PolicyFuzz.Document document = factory.policies.valid();
            body = document.body();
            headers.put("Content-Type", document.contentType());
        } else {
            body = route.name().equals(Contract.BATCH) ? factory.batches.valid()
                    : BodyFuzz.bytes(factory.bodies.valid(Contract.BODIES.get(route.name())));
            headers.put("Content-Type", v.oneOf(List.of("application/json", "application/json; charset=utf-8",
                    "Application/JSON", "application/json;charset=UTF-8")));
        }
    }

    void defect(String what, Set<Integer> statuses) {
        defects.add(new Defect(what, statuses));
    }

    void apply(String category) {
        categories.add(category);
        switch (category) {
            case "auth" -> auth();
            case "method" -> {
                Set<String> routed = factory.methodsByTemplate.get(route.template());
                List<String> others = RequestFactory.METHODS.stream().filter(m -> !routed.contains(m)).toList();
                method = v.oneOf(others);
                // 404 too: GET /api/v1/signals/batch is GET /api/v1/signals/{id} with the id "batch"
                defect("method " + method + " not routed", Set.of(405, 404));
            }
            case "head" -> method = "HEAD";
            case "accept" -> {
                // not a defect: a server may answer in its own type rather than 406 (RFC 9110 12.5.1), as /health does
                headers.put("Accept", v.oneOf(List.of("application/xml", "image/png", "text/csv", "application/pdf")));
                alsoAllowed.add(406);
            }
            case "path" -> pathValue();
            case "query" -> queryValues();
            case "header" -> headerValues();
            case "body" -> invalidBody();
            case "utf8" -> {
                body = notUtf8();
                defect("body not UTF-8", Set.of(400));
            }
            case "surrogate" -> {
                byte[] signal = factory.bodies.loneSurrogate(route.name().equals(Contract.BATCH) ? Contract.SIGNAL
                        : Contract.BODIES.get(route.name()));
                body = route.name().equals(Contract.BATCH) ? wrap(signal) : signal;
                defect("unpaired surrogate in a string", Set.of(422));
            }
            case "content-type" -> contentType();
            case "huge" -> huge();
            case "raw" -> {
                RawRequests.Raw malformed = factory.raw.malformed(method, target(), List.copyOf(headers.entrySet()), body,
                        route.authenticated());
                rawBytes = malformed.bytes();
                transport = Transport.RAW;
                defect(malformed.defect(), ANY);
            }
            case "valid" -> {
                if (v.chance(0.3)) {
                    headers.put("Accept", v.oneOf(List.of("*/*", route.produces().get(0))));
                }
            }
            default -> throw new IllegalStateException(category);
        }
    }

    void auth() {
        boolean secured = route.authenticated();
        List<String> tokens = List.copyOf(known.tokensByRole().values());
        String token = v.oneOf(tokens);
        switch (v.random.nextInt(route.roles().isEmpty() ? 3 : 4)) {
            case 0 -> {
                headers.remove("Authorization");
                if (secured) {
                    defect("no credentials", Set.of(401));
                }
            }
            case 1 -> {
                headers.put("Authorization", v.oneOf(List.of("Bearer", "Bearer ", "Basic dXNlcjpwYXNzd29yZA==", "Token " + token,
                        "Bearer  " + token, "Bearer " + token + "x", "Bearer x" + token, "Bearer " + token + "," + token,
                        "Bearer " + token.toUpperCase(Locale.ROOT), "Digest username=\"a\"", token, "Bearer\t" + token + "\t.",
                        "Bearer " + "t".repeat(v.between(1000, 7000)))));
                if (secured) {
                    defect("malformed credentials", Set.of(401));
                }
            }
            case 2 -> {
                headers.put("Authorization", "Bearer " + v.oneOf(List.of(v.word(), io.aegis.kafka.crypto.SecretHash.hex(token),
                        token.substring(1), UUID.randomUUID().toString())));
                if (secured) {
                    defect("forged token", Set.of(401));
                }
            }
            default -> {
                List<String> wrong = known.tokensByRole().entrySet().stream().filter(e -> !route.roles().contains(e.getKey()))
                        .map(Map.Entry::getValue).toList();
                if (!wrong.isEmpty()) {
                    headers.put("Authorization", "Bearer " + v.oneOf(wrong));
                    defect("role not allowed", Set.of(403));
                }
            }
        }
    }

    void pathValue() {
        String variable = v.oneOf(route.pathVariables());
        String value = factory.inputs.pathValue(factory.knownPathValue(route, variable));
        while (value.equals("stream") || value.isEmpty()) {
            value = v.word() + "-id";
        }
        path.put(variable, value);
        if (!factory.pathRule(route, variable).test(value)) {
            defect("unknown " + variable, factory.pathStatuses(route));
        }
    }

    void queryValues() {
        query.clear();
        List<String> names = List.copyOf(route.query().keySet());
        for (String name : names) {
            if (v.chance(0.6)) {
                Inputs.Value value = factory.inputs.query(name);
                query.add(Map.entry(name, value.text()));
                if (!value.valid()) {
                    defect("invalid " + name, Set.of(400, 422));
                }
            }
        }
        if (v.chance(0.1)) {
            String name = v.oneOf(names);
            query.add(Map.entry(name, factory.inputs.validQuery(name).text()));
            query.add(Map.entry(name, factory.inputs.validQuery(name).text()));
            defect("repeated " + name, ANY);
        }
        if (v.chance(0.3)) {
            query.add(Map.entry(factory.inputs.unknownName(), v.text()));
        }
    }

    void headerValues() {
        for (String name : route.headers()) {
            if (v.chance(0.7)) {
                Inputs.Value value = factory.inputs.header(name);
                headers.put(name, value.text());
                if (!value.valid()) {
                    defect("invalid " + name, Set.of(400, 422)); // 400: a control character Netty refuses in any header
                }
            }
        }
    }

    void invalidBody() {
        if (route.name().equals(Contract.POLICY)) {
            PolicyFuzz.Document document = factory.policies.invalid();
            body = document.body();
            headers.put("Content-Type", document.contentType());
            categories.add(document.label());
        } else {
            BodyFuzz.Labelled labelled = route.name().equals(Contract.BATCH) ? factory.batches.invalid(known.maxBatch())
                    : factory.bodies.invalid(Contract.BODIES.get(route.name()));
            body = labelled.body();
            categories.add(labelled.label());
        }
        defect("invalid body", Set.of(400, 422));
    }

    byte[] notUtf8() {
        if (route.name().equals(Contract.POLICY)) {
            headers.put("Content-Type", "application/yaml");
            return factory.policies.notUtf8();
        }
        if (route.name().equals(Contract.BATCH)) {
            return wrap(factory.bodies.invalidUtf8(Contract.SIGNAL));
        }
        return factory.bodies.invalidUtf8(Contract.BODIES.get(route.name()));
    }

    byte[] wrap(byte[] signal) {
        byte[] open = "{\"signals\": [".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "]}".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[open.length + signal.length + close.length];
        System.arraycopy(open, 0, out, 0, open.length);
        System.arraycopy(signal, 0, out, open.length, signal.length);
        System.arraycopy(close, 0, out, open.length + signal.length, close.length);
        return out;
    }

    void contentType() {
        boolean yaml = route.name().equals(Contract.POLICY);
        List<String> refused = new ArrayList<>(List.of("text/plain", "application/xml", "text/html", "application/octet-stream",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png", "text/event-stream",
                "application/*", "*/*", "application/jsonx", "application/json-patch+json", "json", "garbage", ";", "/",
                "application/", "", "(none)"));
        if (!yaml) {
            refused.addAll(List.of("application/yaml", "text/yaml", "application/x-yaml"));
        }
        String type = v.oneOf(refused);
        if (type.equals("(none)")) {
            headers.remove("Content-Type");
        } else {
            headers.put("Content-Type", type);
        }
        defect("content type " + type + " not accepted", Set.of(415));
    }

    void huge() {
        int size = known.maxRequestSize() + v.between(1, known.maxRequestSize() / 2);
        byte[] big = new byte[size];
        switch (v.random.nextInt(3)) {
            case 0 -> {
                byte[] head = "{\"title\": \"".getBytes(StandardCharsets.US_ASCII);
                Arrays.fill(big, (byte) 'y');
                System.arraycopy(head, 0, big, 0, head.length);
            }
            case 1 -> v.random.nextBytes(big);
            default -> {
                byte[] unit = body == null ? "{}".getBytes(StandardCharsets.US_ASCII) : body;
                for (int i = 0; i < size; i++) {
                    big[i] = unit[i % unit.length];
                }
            }
        }
        body = big;
        transport = v.chance(0.3) ? Transport.CHUNKED : Transport.CLIENT;
        defect("body over the size limit", Set.of(413));
    }

    String target() {
        String path = route.template();
        for (Map.Entry<String, String> p : this.path.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", pct(p.getValue()));
        }
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path).append('?');
        for (Map.Entry<String, String> q : query) {
            out.append(out.charAt(out.length() - 1) == '?' ? "" : "&").append(pct(q.getKey())).append('=').append(pct(q.getValue()));
        }
        return out.toString();
    }

    FuzzRequest build() {
        List<Map.Entry<String, String>> headerList = List.copyOf(headers.entrySet());
        String target = target();
        byte[] bytes = body;
        if (transport != Transport.RAW && headers.values().stream().anyMatch(h -> !h.chars().allMatch(c -> c >= 0x20 && c < 0x7F))) {
            transport = Transport.RAW; // what java.net.http will not send
            rawBytes = RawRequests.plain(method, target, headerList, body);
        }
        if (transport == Transport.RAW) {
            bytes = rawBytes;
        }
        List<String> what = defects.stream().map(Defect::what).toList();
        Set<Integer> exact = new HashSet<>();
        if (defects.isEmpty()) {
            exact.add(route.template().startsWith("/api/v1/policy") ? 404 : 200); // no policy is in force on this node
        } else if (defects.size() == 1) {
            exact.addAll(defects.get(0).statuses());
        }
        if (!exact.isEmpty()) {
            exact.addAll(alsoAllowed);
        }
        String label = method.equals("HEAD") ? "HEAD " + route.template() : route.name();
        return new FuzzRequest(label, String.join("+", categories), method, target, headerList, bytes, transport, what, exact, null,
                route.stream());
    }
}
