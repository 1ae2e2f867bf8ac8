package io.aegis.node.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Composes requests to one route of the node: it starts from a valid request (the right role's token,
 * the ids the test set up, valid parameters, a valid body of an accepted content type) and changes one
 * or two things (the category): the credentials, a path variable, the query, a header, the body, its
 * encoding, its content type or size, the method, the Accept header, or the bytes on the wire. Each
 * change that the contract refuses is recorded as a defect, and a request to a route that writes is
 * never left without one: every write the fuzzer sends is invalid by construction.
 */
public final class RequestFactory {

    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO");
    static final Set<Integer> ANY = Set.of();
    /** Categories that replace the body: two of them in one request would undo the first one's defect. */
    private static final Set<String> BODY = Set.of("body", "utf8", "surrogate", "huge");
    /** Categories that set the method: the second would replace the first. */
    private static final Set<String> METHOD = Set.of("method", "head");
    /** The order categories are applied in: the body before its content type, the wire bytes last. */
    private static final List<String> ORDER = List.of("auth", "method", "head", "path", "query", "header", "body", "utf8",
            "surrogate", "huge", "content-type", "accept", "valid", "raw");

    /**
     * The ids and tokens of the running node the requests refer to.
     *
     * @param statusId the TAXII status of the set-up's own POST to the outbox (shown only to its publisher)
     */
    public record Known(String ownSignal, String inboxSignal, String caseId, Map<String, String> tokensByRole, int maxBatch,
                        int maxRequestSize, String country, String statusId) {
    }

    final Values values;
    final Known known;
    final Inputs inputs;
    final BodyFuzz bodies;
    final BatchFuzz batches;
    final PolicyFuzz policies;
    final StixFuzz stix;
    final RawRequests raw;
    final Map<String, Set<String>> methodsByTemplate = new TreeMap<>();
    private final SideRequests side;

    public RequestFactory(Values values, Known known, List<RouteSpec> routes, Map<String, byte[]> console) {
        this.values = values;
        this.known = known;
        this.inputs = new Inputs(values);
        this.bodies = new BodyFuzz(values);
        this.batches = new BatchFuzz(values, bodies);
        this.policies = new PolicyFuzz(values);
        this.stix = new StixFuzz(values);
        this.raw = new RawRequests(values);
        this.side = new SideRequests(values, inputs, known, console);
        for (RouteSpec route : routes) {
            methodsByTemplate.computeIfAbsent(route.template(), t -> new java.util.TreeSet<>()).add(route.method());
            if (route.method().equals("GET")) {
                methodsByTemplate.get(route.template()).add("HEAD");
            }
        }
    }

    /** Fails unless the fuzzer knows every input of {@code route}: a new parameter or body needs a rule here first. */
    public void requireRulesFor(RouteSpec route) {
        route.query().keySet().stream().filter(q -> !inputs.knowsQuery(Inputs.key(route, q))).findFirst().ifPresent(q -> {
            throw new IllegalStateException(route.name() + " binds query value '" + q + "', which the fuzzer has no rule for");
        });
        route.headers().stream().filter(h -> !inputs.knowsHeader(h)).findFirst().ifPresent(h -> {
            throw new IllegalStateException(route.name() + " binds header '" + h + "', which the fuzzer has no rule for");
        });
        knownPath(route);
        if (route.body() && !Contract.BODIES.containsKey(route.name()) && !Contract.OWN_GENERATOR.contains(route.name())) {
            throw new IllegalStateException(route.name() + " takes a body, which the fuzzer has no schema for");
        }
        if (!route.body() && !route.method().equals("GET") && !Contract.HARMLESS_WRITES.contains(route.name())) {
            throw new IllegalStateException(route.name() + " writes without a body, which the fuzzer cannot make invalid");
        }
    }

    /** A HEAD request to a GET route, its inputs otherwise drawn as for a valid request. */
    public FuzzRequest nextHead(RouteSpec route) {
        Draft d = new Draft(this, route);
        d.apply("head");
        return d.build();
    }

    /** One request to {@code route}. */
    public FuzzRequest next(RouteSpec route) {
        Draft d = new Draft(this, route);
        List<String> categories = categories(route);
        List<String> chosen = new ArrayList<>(List.of(values.oneOf(categories)));
        String second = values.oneOf(categories);
        if (!chosen.contains("valid") && values.chance(0.2) && !second.equals("valid") && !second.equals(chosen.get(0))
                && !(BODY.contains(second) && BODY.contains(chosen.get(0))) && !(METHOD.contains(second) && METHOD.contains(chosen.get(0)))) {
            chosen.add(second);
        }
        chosen.sort(java.util.Comparator.comparingInt(ORDER::indexOf));
        chosen.forEach(d::apply);
        if (d.defects.isEmpty() && route.body()) {
            d.apply("body"); // a write is never sent without a defect (here: a valid path, and nothing else changed)
        }
        if (d.defects.isEmpty() && !route.method().equals("GET") && !Contract.HARMLESS_WRITES.contains(route.name())) {
            throw new IllegalStateException("a write to " + route.name() + " without any defect: " + chosen);
        }
        return d.build();
    }

    private List<String> categories(RouteSpec route) {
        List<String> out = new ArrayList<>();
        add(out, "auth", route.body() ? 15 : 20);
        add(out, "method", 6);
        add(out, "raw", 6);
        add(out, "accept", 3);
        if (!route.pathVariables().isEmpty()) {
            add(out, "path", route.body() ? 8 : 15);
        }
        if (!route.headers().isEmpty()) {
            add(out, "header", 6);
        }
        if (route.body()) {
            add(out, "body", 35);
            add(out, "utf8", 6);
            add(out, "content-type", 8);
            add(out, "huge", 3);
            if (Contract.BODIES.containsKey(route.name()) ? BodyFuzz.hasFreeText(Contract.BODIES.get(route.name()))
                    : route.name().equals(Contract.BATCH)) {
                add(out, "surrogate", 4);
            }
        } else if (Contract.HARMLESS_WRITES.contains(route.name())) {
            add(out, "valid", 12); // (no HEAD: the route is a POST)
        } else {
            add(out, "valid", 12);
            add(out, "head", route.query().isEmpty() ? 6 : 8); // (a route with parameters has more categories to share with)
            if (!route.query().isEmpty()) {
                add(out, "query", 22);
            }
        }
        return out;
    }

    private static void add(List<String> out, String category, int weight) {
        for (int i = 0; i < weight; i++) {
            out.add(category);
        }
    }

    /** Valid values of every path variable of a route, in the template's order (a TAXII object id depends on its collection). */
    Map<String, String> knownPath(RouteSpec route) {
        Map<String, String> path = new java.util.LinkedHashMap<>();
        route.pathVariables().forEach(p -> path.put(p, knownPathValue(route, p, path)));
        return path;
    }

    /** The valid value of a path variable, as the test set the node up, given the values chosen before it. */
    String knownPathValue(RouteSpec route, String variable, Map<String, String> before) {
        String t = route.template();
        if (TaxiiRules.taxii(route)) {
            return TaxiiRules.pathValue(values, known, route, variable, before);
        }
        if (variable.equals("id") && t.startsWith("/api/v1/signals/")) {
            return known.ownSignal();
        }
        if (variable.equals("id") && t.startsWith("/api/v1/inbox/")) {
            return known.inboxSignal();
        }
        if (variable.equals("id") && t.startsWith("/api/v1/cases/")) {
            return known.caseId();
        }
        if (variable.equals("name") && t.startsWith("/api/v1/users/")) {
            return "olivier"; // a user the harness configures, and not the ADMIN who calls (who may not disable themselves)
        }
        if (variable.equals("selector") && t.startsWith("/health/")) {
            return values.oneOf(List.of("liveness", "readiness"));
        }
        throw new IllegalStateException(route.name() + " binds path variable '" + variable + "', which the fuzzer has no rule for");
    }

    /** Whether a path value is valid (given the draft's valid {@code path}), and the statuses that answer an invalid one. */
    Predicate<String> pathRule(RouteSpec route, String variable, Map<String, String> path) {
        if (TaxiiRules.taxii(route)) {
            return value -> TaxiiRules.sameAs(known, variable, path.get(variable), value);
        }
        if (route.method().equals("POST") && route.template().startsWith("/api/v1/cases/")) {
            return Contract.CASE_ID.asMatchPredicate(); // commands name a case by its id's shape (no lookup)
        }
        if (variable.equals("selector")) {
            return value -> Set.of("liveness", "readiness").contains(value.toLowerCase(java.util.Locale.ROOT)); // an enum, any case
        }
        String valid = path.get(variable);
        return valid::equals;
    }

    Set<Integer> pathStatuses(RouteSpec route) {
        if (TaxiiRules.taxii(route)) {
            return Set.of(404); // no such collection, object or status (an object id is looked up, whatever its shape)
        }
        if (route.template().startsWith("/health/")) {
            return Set.of(400);
        }
        return route.method().equals("POST") && route.template().startsWith("/api/v1/cases/") ? ANY : Set.of(404);
    }

    /** The roles for which a request to {@code route} naming {@code path} is valid (any caller's where the route says none). */
    List<String> roles(RouteSpec route, Map<String, String> path) {
        if (TaxiiRules.taxii(route)) {
            return TaxiiRules.roles(route, path, known);
        }
        return route.roles().isEmpty() ? List.copyOf(known.tokensByRole().keySet()) : route.roles();
    }

    /** A request to a console file or a path under /console/. */
    public FuzzRequest nextStatic() {
        return side.console();
    }

    /** A request to a path no route serves. */
    public FuzzRequest nextUnrouted() {
        return side.unrouted();
    }

    /** Percent-encodes every byte of the UTF-8 text but the unreserved characters of RFC 3986. */
    static String pct(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
