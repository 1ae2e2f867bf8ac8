package io.aegis.node.fuzz;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts requests per route, status and category, and the failures by route and kind (with the first
 * example of each), to print at the end of a run.
 */
public final class Tally {

    private record Failure(int count, String example) {
    }

    private final Map<String, Map<Integer, Integer>> byRoute = new TreeMap<>();
    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final Map<String, Integer> byCategory = new TreeMap<>();
    private final Map<String, Integer> methodTemplates = new TreeMap<>();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private int total;
    private int failed;

    public synchronized void record(FuzzRequest request, int status, String failure) {
        total++;
        byRoute.computeIfAbsent(request.route(), r -> new TreeMap<>()).merge(status, 1, Integer::sum);
        byStatus.merge(status, 1, Integer::sum);
        byCategory.merge(request.category().split("\\+")[0], 1, Integer::sum);
        methodTemplates.merge(request.method() + " " + template(request.route()), 1, Integer::sum);
        if (failure != null) {
            failed++;
            String kind = request.route() + " | " + failure.split(":", 2)[0];
            failures.merge(kind, new Failure(1, failure + "\n      " + request.describe()),
                    (old, added) -> new Failure(old.count() + 1, old.example()));
        }
    }

    private static String template(String route) {
        int space = route.indexOf(' ');
        return space < 0 ? route : route.substring(space + 1);
    }

    public synchronized int total() {
        return total;
    }

    public synchronized int failureCount() {
        return failed;
    }

    /** One line per kind of failure: route, what was wrong, how often, and the first request it happened to. */
    public synchronized List<String> failures() {
        List<String> out = new ArrayList<>();
        failures.forEach((kind, f) -> out.add(kind + " (" + f.count() + "x): " + f.example()));
        return out;
    }

    /** How often each method was sent to each route template (e.g. {@code HEAD /api/v1/inbox}). */
    public synchronized Map<String, Integer> methodTemplates() {
        return Map.copyOf(methodTemplates);
    }

    public synchronized void print(PrintStream out, long millis, long seed) {
        out.printf("%nNode API fuzzing: %,d requests in %.1f s (seed %d; status 0 = a valid event stream, open and idle)%n",
                total, millis / 1000.0, seed);
        out.println("per route (status=count):");
        byRoute.forEach((route, statuses) -> out.printf("  %-44s %6d  %s%n", route,
                statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses));
        out.println("per status: " + byStatus);
        out.println("per category (first change made): " + byCategory);
        out.println("failures: " + failed);
        failures().forEach(f -> out.println("  " + f));
    }
}
