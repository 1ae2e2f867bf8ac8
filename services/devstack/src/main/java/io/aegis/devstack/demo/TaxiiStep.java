package io.aegis.devstack.demo;

import io.aegis.devstack.domain.DemoRole;
import io.aegis.stix.StixExport;
import io.aegis.stix.TlpMarkings;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's TAXII step: a member's threat-intelligence platform reads its node's {@code inbox}
 * collection as any TAXII 2.1 client would (HTTP Basic, the TAXII media type) and finds the reports
 * shared with it, the retracted one as a revoked version; the outsider's collection lacks the report
 * its origin's policy withheld from it.
 */
final class TaxiiStep {

    private final DemoNetwork network;
    private final PrintStream out;

    TaxiiStep(DemoNetwork network, PrintStream out) {
        this.network = network;
        this.out = out;
    }

    /**
     * True when {@code reader}'s collection holds the report of every signal in {@code shared}, the
     * report of {@code retracted} revoked, and {@code outsider}'s collection lacks the report of {@code withheld}.
     */
    boolean show(String reader, List<String> shared, String retracted, String outsider, String withheld)
            throws IOException, InterruptedException {
        NodeClient client = network.client(reader, DemoRole.OFFICER);
        Object root = client.taxii("/taxii2/").body().get("default");
        out.println("  " + reader + " TAXII discovery: API root " + root);
        Optional<List<Map<String, Object>>> reports = Poll.until(DemoScenario.STEP_TIMEOUT, () -> {
            List<Map<String, Object>> found = reports(client);
            boolean all = shared.stream().allMatch(id -> find(found, id).filter(r -> !revoked(r)).isPresent());
            return all && find(found, retracted).filter(TaxiiStep::revoked).isPresent() ? Optional.of(found) : Optional.empty();
        });
        if (reports.isEmpty()) {
            out.println("  " + reader + "'s inbox collection did not show every shared report and the revocation within "
                    + DemoScenario.STEP_TIMEOUT.toSeconds() + " s");
            return false;
        }
        for (String id : shared) {
            Map<String, Object> report = find(reports.get(), id).orElseThrow();
            out.println("  " + reader + " inbox collection: report \"" + report.get("name") + "\" marked " + markings(report));
        }
        out.println("  " + reader + " inbox collection: the retracted report is served as revoked: true, without its content");
        boolean absent = find(reports(network.client(outsider, DemoRole.OFFICER)), withheld).isEmpty();
        out.println("  " + outsider + " inbox collection: the AMBER report is " + (absent ? "absent" : "PRESENT"));
        return absent;
    }

    private static List<Map<String, Object>> reports(NodeClient client) throws IOException, InterruptedException {
        NodeClient.Reply reply = client.taxii("/taxii2/aegis/collections/inbox/objects/?match%5Btype%5D=report&limit=1000");
        if (!reply.ok()) {
            throw new IOException(client.country() + " TAXII inbox collection answered " + reply.status() + " " + reply.body());
        }
        return objects(reply.body());
    }

    /** The report's TLP marking definitions by name, e.g. {@code TLP:AMBER (marking-definition--55d9…)}. */
    private static String markings(Map<String, Object> report) {
        return report.get("object_marking_refs") instanceof List<?> refs ? refs.stream().map(String::valueOf)
                .map(id -> TlpMarkings.ofId(id).map(TlpMarkings::name).orElse("?") + " (" + id + ")").toList().toString() : "[]";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Map<String, Object> envelope) {
        return envelope.get("objects") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Optional<Map<String, Object>> find(List<Map<String, Object>> reports, String signalId) {
        String id = StixExport.reportId(signalId);
        return reports.stream().filter(r -> id.equals(r.get("id"))).findFirst();
    }

    private static boolean revoked(Map<String, Object> report) {
        return Boolean.TRUE.equals(report.get("revoked"));
    }
}
