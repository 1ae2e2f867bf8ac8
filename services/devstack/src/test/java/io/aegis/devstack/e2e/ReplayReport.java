package io.aegis.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reading the operator CLI's JSON exports ({@code timeline}, {@code verify}) back in the end-to-end
 * tests, in the shape {@code services/replay} writes them: events with kind, country, actor, tier,
 * summary and details; "deliveries" rows of who received what; ackTimes per officer.
 */
final class ReplayReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayReport() {
    }

    /** The only file of {@code dir} whose name ends with {@code suffix}. */
    static Path onlyFile(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matching = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(matching).as("%s files in %s", suffix, dir).hasSize(1);
            return matching.get(0);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Map.class);
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> events, String kind) {
        return events.stream().filter(e -> kind.equals(e.get("kind"))).toList();
    }

    static Map<String, Object> details(Map<String, Object> event) {
        return Json.map(event, "details");
    }

    /** The case event type, which leads a case event's summary ({@code TYPE} or {@code TYPE: detail}). */
    static String caseStep(Map<String, Object> event) {
        String summary = String.valueOf(event.get("summary"));
        int colon = summary.indexOf(':');
        return colon < 0 ? summary : summary.substring(0, colon);
    }

    static long sequence(Map<String, Object> caseEvent) {
        return Long.parseLong(String.valueOf(details(caseEvent).get("sequence")));
    }

    /** One signal's rows of "who received what". */
    static List<Map<String, Object>> decisions(Map<String, Object> report, String signalId) {
        return Json.objects(report, "deliveries").stream().filter(d -> signalId.equals(d.get("signalId"))).toList();
    }

    /** Destination → outcome of one signal's decisions. */
    static Map<String, Object> outcomes(Map<String, Object> report, String signalId) {
        return decisions(report, signalId).stream().collect(Collectors.toMap(
                d -> String.valueOf(d.get("destination")), d -> d.get("outcome"), (a, b) -> a + "," + b));
    }

    /** Decisions as comparable text, {@code "DE DELIVER v1"}; the same fields name them in the node API. */
    static Set<String> decisionTexts(List<Map<String, Object>> decisions) {
        return decisions.stream().map(d -> d.get("destination") + " " + d.get("outcome") + " v" + d.get("policyVersion"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
