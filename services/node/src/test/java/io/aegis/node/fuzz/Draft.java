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
    /** The valid path values the draft started from. */
    final Map<String, String> validPath;
    /** Whether the TAXII object the path names is no object of the collection. */
    boolean unknownObject;
    /** Whether a query parameter of a TAXII read is bad (then it is a 400, whatever the path names). */
    boolean badQuery;
    /** Whether a TAXII URL ends in a slash, as TAXII 2.1 spells its URLs (the Router takes it either way). */
    final boolean slash;
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
        validPath = factory.knownPath(route);
        slash = TaxiiRules.taxii(route) && !route.template().endsWith("/") && v.chance(0.7);
        path.putAll(validPath);
        if (TaxiiRules.write(route) && TaxiiRules.roles(route, path, known).isEmpty()) {
            defect("collection not writable", Set.of(403));
        }
        if (route.authenticated()) {
            headers.put("Authorization", "Bearer " + rightToken());
        } else if (v.chance(0.3)) {
            headers.put("Authorization", "Bearer " + v.word());
        }
        route.query().keySet().forEach(name -> {
            // (match[id] is refused on one object's own resource: not part of a valid read of one)
            if (v.chance(0.4) && !(TaxiiRules.oneObject(route) && name.equals(TaxiiQueries.MATCH_ID))) {
                Inputs.Value value = factory.inputs.validQuery(Inputs.key(route, name));
                query.add(Map.entry(name, value.text()));
            }
        });
        if (v.chance(0.15)) {
            unknownQuery();
        }
        if (route.body()) {
            validBody();
        }
    }

    String rightToken() {
        List<String> roles = factory.roles(route, validPath);
        // (a TAXII write to the inbox is valid for nobody: it carries its defect already)
        return known.tokensByRole().get(v.oneOf(roles.isEmpty() ? List.copyOf(known.tokensByRole().keySet()) : roles));
    }

    /** A parameter no route binds: ignored by the node API, refused (400) by a TAXII route that reads parameters. */
    void unknownQuery() {
        String name = factory.inputs.unknownName();
        query.add(Map.entry(name, v.text()));
        if (TaxiiRules.filtered(route)) {
            defect("unknown parameter " + name, Set.of(400));
            badQuery = true;
        }
    }

    void validBody() {
        if (route.name().equals(Contract.POLICY)) {
            PolicyFuzz.Document document = factory.policies.valid();
            body = document.body();
            headers.put("Content-Type", document.contentType());
        } else if (route.name().equals(Contract.STIX_BUNDLES)) {
            body = factory.stix.valid(true);
            headers.put("Content-Type", v.oneOf(List.of("application/json", "application/stix+json", "application/stix+json;version=2.1",
                    "application/json; charset=utf-8")));
        } else if (route.name().equals(Contract.TAXII_OBJECTS)) {
            body = factory.stix.valid(false);
            headers.put("Content-Type", v.oneOf(TaxiiRules.CONTENT_TYPES));
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
                // 404 too: GET /api/v1/signals/batch is GET /api/v1/signals/{id} with the id "batch"; under /taxii2 a
                // POST without a TAXII body is refused (415) before routing, by the TAXII media-type rule
                defect("method " + method + " not routed", TaxiiRules.taxii(route) && method.equals("POST")
                        ? Set.of(405, 404, 415) : Set.of(405, 404));
            }
            case "head" -> method = "HEAD";
            case "accept" -> {
                if (TaxiiRules.taxii(route)) {
                    // TAXII 2.1 (section 1.6.8): a server answers 406 when the client accepts no TAXII 2.1
                    String accept = v.oneOf(TaxiiRules.UNACCEPTABLE);
                    headers.put("Accept", accept);
                    defect("Accept " + accept + " is not TAXII 2.1", Set.of(406));
                } else {
                    // not a defect: a server may answer in its own type rather than 406 (RFC 9110 12.5.1), as /health does
                    headers.put("Accept", v.oneOf(List.of("application/xml", "image/png", "text/csv", "application/pdf")));
                    alsoAllowed.add(406);
                }
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
        List<String> allowed = factory.roles(route, validPath);
        switch (v.random.nextInt(allowed.size() == known.tokensByRole().size() ? 3 : 4)) {
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
                List<String> wrong = known.tokensByRole().entrySet().stream().filter(e -> !allowed.contains(e.getKey()))
                        .map(Map.Entry::getValue).toList();
                if (!wrong.isEmpty() && !(allowed.isEmpty() && TaxiiRules.write(route))) {
                    headers.put("Authorization", "Bearer " + v.oneOf(wrong));
                    defect("role not allowed", Set.of(TaxiiRules.taxii(route) ? TaxiiRules.wrongRole(route) : 403));
                }
            }
        }
    }

    void pathValue() {
        String variable = v.oneOf(route.pathVariables());
        String original = validPath.get(variable);
        String value = factory.inputs.pathValue(original);
        // (the other TAXII collection: whether it answers depends on the role, so it is not drawn here)
        while (value.equals("stream") || value.isEmpty() || TaxiiRules.taxii(route) && variable.equals(TaxiiRules.COLLECTION)
                && TaxiiRules.otherCollection(known, original, value)) {
            value = v.word() + "-id";
        }
        path.put(variable, value);
        if (!factory.pathRule(route, variable, validPath).test(value)) {
            if (TaxiiRules.oneObject(route) && variable.equals(TaxiiRules.OBJECT)) {
                unknownObject = true; // a 404, or an empty page: decided with the query (see build)
            } else {
                defect("unknown " + variable, factory.pathStatuses(route));
            }
        }
    }

    void queryValues() {
        query.clear();
        defects.removeIf(d -> d.what().startsWith("unknown parameter ")); // (the one the constructor may have added is gone)
        badQuery = false;
        List<String> names = List.copyOf(route.query().keySet());
        for (String name : names) {
            if (v.chance(0.6)) {
                Inputs.Value value = factory.inputs.query(Inputs.key(route, name));
                query.add(Map.entry(name, value.text()));
                if (!value.valid()) {
                    defect("invalid " + name, TaxiiRules.taxii(route) ? Set.of(400) : Set.of(400, 422));
                    badQuery = true;
                } else if (TaxiiRules.oneObject(route) && name.equals(TaxiiQueries.MATCH_ID)) {
                    defect("match[id] on one object's resource", Set.of(400));
                    badQuery = true;
                }
            }
        }
        if (v.chance(0.1)) {
            String name = v.oneOf(names);
            query.add(Map.entry(name, factory.inputs.validQuery(Inputs.key(route, name)).text()));
            query.add(Map.entry(name, factory.inputs.validQuery(Inputs.key(route, name)).text()));
            if (!TaxiiRules.taxii(route)) {
                defect("repeated " + name, ANY); // (TAXII reads a repeated parameter's first value: not a defect there)
            } else if (TaxiiRules.oneObject(route) && name.equals(TaxiiQueries.MATCH_ID)) {
                defect("match[id] on one object's resource", Set.of(400));
                badQuery = true;
            }
        }
        if (v.chance(0.3)) {
            unknownQuery();
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
        } else if (route.name().equals(Contract.STIX_BUNDLES) || route.name().equals(Contract.TAXII_OBJECTS)) {
            invalidStix();
            return;
        } else {
            BodyFuzz.Labelled labelled = route.name().equals(Contract.BATCH) ? factory.batches.invalid(known.maxBatch())
                    : factory.bodies.invalid(Contract.BODIES.get(route.name()));
            body = labelled.body();
            categories.add(labelled.label());
        }
        defect("invalid body", Set.of(400, 422));
    }

    /**
     * A STIX document that may yield no signal. The bundle import answers it with a 4xx. A TAXII POST
     * answers a broken envelope with 400, but a well-formed envelope whose objects are each invalid with
     * 202 and a status that lists every object as a failure (TAXII 2.1 5.4: the status reports per
     * object): so 202 is allowed there, and only there; {@link Verdicts} checks that such a status
     * counts no success, and the test that no topic got a record.
     */
    void invalidStix() {
        boolean taxii = route.name().equals(Contract.TAXII_OBJECTS);
        StixFuzz.Document document = factory.stix.invalid(!taxii);
        body = document.body();
        categories.add(document.label());
        defect("invalid STIX document", !taxii ? Set.of(400, 422) : document.wellFormed() ? Set.of(202) : Set.of(400));
    }

    byte[] notUtf8() {
        if (route.name().equals(Contract.STIX_BUNDLES) || route.name().equals(Contract.TAXII_OBJECTS)) {
            return factory.stix.invalidUtf8(route.name().equals(Contract.STIX_BUNDLES));
        }
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
        if (route.name().equals(Contract.LOGIN)) {
            refused.remove("application/x-www-form-urlencoded"); // sign-in also takes a form
        }
        if (TaxiiRules.taxii(route)) {
            refused.addAll(TaxiiRules.REFUSED_CONTENT_TYPES);
        } else {
            refused.add("application/taxii+json;version=2.1");
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
        if (slash) {
            path += "/";
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
        if (TaxiiRules.oneObject(route) && !badQuery && TaxiiRules.objectMissing(!unknownObject, query)) {
            defect(unknownObject ? "unknown " + TaxiiRules.OBJECT : "filters exclude the object", Set.of(404));
        }
        List<String> what = defects.stream().map(Defect::what).toList();
        Set<Integer> exact = new HashSet<>();
        if (defects.isEmpty()) {
            exact.add(Contract.VALID_STATUS.getOrDefault(route.template(),
                    route.template().startsWith("/api/v1/policy") ? 404 : 200)); // no policy is in force on this node
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
