package io.aegis.node.fuzz;

import io.aegis.node.taxii.TaxiiCollection;
import io.aegis.stix.StixExport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the fuzzer knows of the TAXII 2.1 server under {@code /taxii2} (TAXII 2.1 and docs/taxii.md): who
 * may read or write each collection (inbox: duty officers and operators read it, nobody writes it;
 * outbox: publishers and operators read it, publishers write it), which ids a request names validly
 * (a collection by alias or id, an object of that collection, the status of the fuzz set-up's own POST,
 * shown only to the publisher who made it), which routes read the filter and paging parameters (and
 * refuse unknown ones), and when a read of one object is a 404 (no such object, or the filters exclude
 * it, unless {@code added_after} or {@code next} make it a page that may simply be empty).
 */
final class TaxiiRules {

    static final String COLLECTION = "id";
    static final String OBJECT = "objectId";
    static final String STATUS = "statusId";
    /** Unacceptable Accept headers: another type, or another TAXII version. */
    static final List<String> UNACCEPTABLE = List.of("application/xml", "image/png", "text/csv", "application/json",
            "application/stix+json;version=2.1", "application/taxii+json;version=2.0", "application/taxii+json;version=3",
            "text/html, application/taxii+json;version=2.0", "application/taxii+json;charset=utf-8;version=2.1");
    /** The content types of a TAXII POST (TAXII 2.1 alone, with or without its version). */
    static final List<String> CONTENT_TYPES = List.of("application/taxii+json;version=2.1", "application/taxii+json",
            "APPLICATION/TAXII+JSON; version=2.1", "application/taxii+json;version=\"2.1\"");
    /** Content types a TAXII POST refuses, beyond those every route refuses. */
    static final List<String> REFUSED_CONTENT_TYPES = List.of("application/json", "application/stix+json;version=2.1",
            "application/taxii+json;version=2.0", "application/taxii+json;charset=utf-8", "application/taxii+json;version=2.1;q=1");

    private static final Map<TaxiiCollection, Set<String>> READERS = Map.of(TaxiiCollection.INBOX, Set.of("DUTY_OFFICER", "OPERATOR"),
            TaxiiCollection.OUTBOX, Set.of("PUBLISHER", "OPERATOR"));
    private static final Map<TaxiiCollection, Set<String>> WRITERS = Map.of(TaxiiCollection.INBOX, Set.of(),
            TaxiiCollection.OUTBOX, Set.of("PUBLISHER"));

    private TaxiiRules() {
    }

    static boolean taxii(String pathOrTemplate) {
        return pathOrTemplate.equals("/taxii2") || pathOrTemplate.startsWith("/taxii2/");
    }

    static boolean taxii(RouteSpec route) {
        return taxii(route.template());
    }

    /** The routes whose answer {@code TaxiiQuery} shapes: they read its parameters, and refuse unknown ones. */
    static boolean filtered(RouteSpec route) {
        String t = trimmed(route);
        return taxii(route) && route.method().equals("GET") && (t.endsWith("/objects") || t.contains("{objectId}")
                || t.endsWith("/manifest"));
    }

    /** The template without a trailing slash (the Router drops it; TAXII URLs end in one). */
    private static String trimmed(RouteSpec route) {
        return route.template().endsWith("/") ? route.template().substring(0, route.template().length() - 1) : route.template();
    }

    static boolean oneObject(RouteSpec route) {
        return taxii(route) && route.template().contains("{objectId}");
    }

    static boolean write(RouteSpec route) {
        return taxii(route) && route.method().equals("POST");
    }

    static Optional<TaxiiCollection> collection(RequestFactory.Known known, String idOrAlias) {
        return TaxiiCollection.find(known.country(), idOrAlias);
    }

    /** A valid value of a TAXII path variable, given the values chosen before it in {@code path}. */
    static String pathValue(Values v, RequestFactory.Known known, RouteSpec route, String variable, Map<String, String> path) {
        return switch (variable) {
            case COLLECTION -> {
                // a write goes to the outbox, but now and then to the inbox, which nobody may write (a defect: 403)
                TaxiiCollection c = write(route) ? (v.chance(0.85) ? TaxiiCollection.OUTBOX : TaxiiCollection.INBOX)
                        : v.oneOf(List.of(TaxiiCollection.values()));
                yield v.random.nextBoolean() ? c.alias() : c.id(known.country());
            }
            case OBJECT -> StixExport.reportId(collection(known, path.get(COLLECTION)).orElseThrow() == TaxiiCollection.INBOX
                    ? known.inboxSignal() : known.ownSignal());
            case STATUS -> known.statusId();
            default -> throw new IllegalStateException(route.name() + " binds path variable '" + variable
                    + "', which the fuzzer has no rule for");
        };
    }

    /** Whether {@code value} names the same thing as the valid {@code original}. */
    static boolean sameAs(RequestFactory.Known known, String variable, String original, String value) {
        return variable.equals(COLLECTION) ? collection(known, value).isPresent()
                && collection(known, value).equals(collection(known, original)) : original.equals(value);
    }

    /** Whether a changed collection id names the other collection (whose answer depends on the role: not drawn). */
    static boolean otherCollection(RequestFactory.Known known, String original, String value) {
        return collection(known, value).isPresent() && !collection(known, value).equals(collection(known, original));
    }

    /** The roles for which a request is valid, with the path it names. */
    static List<String> roles(RouteSpec route, Map<String, String> path, RequestFactory.Known known) {
        if (route.pathVariables().contains(STATUS)) {
            return List.of("PUBLISHER"); // a status is shown only to who posted it: the set-up's publisher
        }
        if (!route.pathVariables().contains(COLLECTION)) {
            return List.copyOf(known.tokensByRole().keySet());
        }
        TaxiiCollection c = collection(known, path.get(COLLECTION)).orElseThrow();
        Set<String> allowed = new java.util.TreeSet<>(write(route) ? WRITERS.get(c) : READERS.get(c));
        if (trimmed(route).endsWith("/collections/{id}")) {
            allowed.addAll(WRITERS.get(c)); // a collection's resource is shown to whoever may read or write it
        }
        return List.copyOf(allowed);
    }

    /** The status that answers a wrong role: 404 for a status (another user's is none of theirs), else 403. */
    static int wrongRole(RouteSpec route) {
        return route.pathVariables().contains(STATUS) ? 404 : 403;
    }

    /**
     * Whether a read of one object (or its versions) finds nothing and so is a 404: the object is not the
     * collection's, or a filter excludes it (it is a {@code report}, spec version 2.1, and its version no
     * timestamp a fuzzer draws), and neither {@code added_after} nor {@code next} turned it into a page.
     */
    static boolean objectMissing(boolean knownObject, List<Map.Entry<String, String>> query) {
        List<String> names = new ArrayList<>(query.stream().map(Map.Entry::getKey).toList());
        if (names.contains(TaxiiQueries.ADDED_AFTER) || names.contains(TaxiiQueries.NEXT)) {
            return false;
        }
        if (!knownObject) {
            return true;
        }
        for (Map.Entry<String, String> q : query) {
            List<String> items = java.util.Arrays.stream(q.getValue().split(",")).map(String::trim).toList();
            boolean excludes = switch (q.getKey()) {
                case TaxiiQueries.MATCH_TYPE -> !items.contains("report");
                case TaxiiQueries.MATCH_SPEC_VERSION -> !items.contains("2.1");
                case TaxiiQueries.MATCH_VERSION -> items.stream().noneMatch(i -> Set.of("first", "last", "all").contains(i));
                default -> false;
            };
            if (excludes && isFirst(query, q)) {
                return true;
            }
        }
        return false;
    }

    /** Only a parameter's first value counts (TAXII reads the first of repeated ones). */
    private static boolean isFirst(List<Map.Entry<String, String>> query, Map.Entry<String, String> q) {
        return query.stream().filter(e -> e.getKey().equals(q.getKey())).findFirst().orElseThrow() == q;
    }
}
