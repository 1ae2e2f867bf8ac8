package io.aegis.devstack.demo;

import io.aegis.devstack.domain.DemoRole;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of the demo, each one call (or poll) against the node APIs with the role the
 * contract requires, printing what came back. A step that does not see its effect within
 * {@link DemoScenario#STEP_TIMEOUT} says so and answers false; only transport failures throw.
 */
final class DemoSteps {

    private final DemoNetwork network;
    private final MailboxClient mailbox;
    private final PrintStream out;

    DemoSteps(DemoNetwork network, MailboxClient mailbox, PrintStream out) {
        this.network = network;
        this.mailbox = mailbox;
        this.out = out;
    }

    void title(int number, String text) {
        out.println();
        out.println("Step " + number + ". " + text);
    }

    /** Submits a signal as the country's publisher; returns its id. */
    String publish(String country, Map<String, Object> signal) throws IOException, InterruptedException {
        NodeClient.Reply reply = network.client(country, DemoRole.PUBLISHER).postJson("/api/v1/signals", signal);
        if (reply.status() != 202) {
            throw new IOException(country + " refused the signal: " + reply.status() + " " + reply.body());
        }
        out.println("  " + country + " -> 202 accepted: id " + reply.body().get("id") + ", " + reply.body().get("topic")
                + " offset " + reply.body().get("offset") + ", " + reply.body().get("contentHash"));
        return String.valueOf(reply.body().get("id"));
    }

    /** Shows where the router sent the origin's signal and checks that withheld members really lack it. */
    boolean showPolicyAtWork(String origin, String signalId) throws IOException, InterruptedException {
        List<String> others = new ArrayList<>(network.countries());
        others.remove(origin);
        NodeClient publisher = network.client(origin, DemoRole.PUBLISHER);
        Optional<Map<String, Object>> delivery = Poll.until(DemoScenario.STEP_TIMEOUT, () -> {
            Map<String, Object> d = delivery(publisher.get("/api/v1/signals/" + signalId).body());
            int decided = members(destinations(d, "routedTo")).size() + members(destinations(d, "withheldFrom")).size()
                    + members(destinations(d, "delayed")).size();
            return decided >= others.size() ? Optional.of(d) : Optional.empty();
        });
        if (delivery.isEmpty()) {
            out.println("  the router did not decide for every member within " + DemoScenario.STEP_TIMEOUT.toSeconds() + " s");
            return false;
        }
        List<String> routed = members(destinations(delivery.get(), "routedTo"));
        List<String> withheld = members(destinations(delivery.get(), "withheldFrom"));
        out.println("  " + origin + "'s policy: routed to " + routed + ", withheld from " + withheld + ", delayed for "
                + members(destinations(delivery.get(), "delayed")) + "; coordination centre view: "
                + (destinations(delivery.get(), "routedTo").containsAll(routed) && destinations(delivery.get(), "routedTo")
                .size() > routed.size() ? "shared" : "not shared"));
        boolean held = !withheld.isEmpty();
        for (String country : withheld) {
            int status = network.client(country, DemoRole.PUBLISHER).get("/api/v1/inbox/" + signalId).status();
            out.println("  " + country + " inbox: " + (status == 404 ? "does not hold it (404)" : "answered " + status));
            held &= status == 404;
        }
        for (String country : routed) {
            boolean arrived = Poll.until(DemoScenario.STEP_TIMEOUT, () -> network.client(country, DemoRole.PUBLISHER)
                    .get("/api/v1/inbox/" + signalId).ok() ? Optional.of(true) : Optional.empty()).isPresent();
            out.println("  " + country + " inbox: " + (arrived ? "received it" : "did not receive it"));
            held &= arrived;
        }
        return held;
    }

    /** Retracts the origin's signal and waits until the router has retracted it from its recipients. */
    boolean retract(String origin, String signalId, String recipient) throws IOException, InterruptedException {
        NodeClient publisher = network.client(origin, DemoRole.PUBLISHER);
        boolean arrived = Poll.until(DemoScenario.STEP_TIMEOUT, () -> network.client(recipient, DemoRole.PUBLISHER)
                .get("/api/v1/inbox/" + signalId).ok() ? Optional.of(true) : Optional.empty()).isPresent();
        out.println("  " + recipient + " inbox: " + (arrived ? "received the mistaken report" : "never received it"));
        NodeClient.Reply reply = publisher.postJson("/api/v1/signals/" + signalId + "/retract",
                Map.of("reason", "filed against the wrong domain"));
        if (!reply.ok()) {
            throw new IOException(origin + " refused the retraction: " + reply.status() + " " + reply.body());
        }
        out.println("  " + origin + " -> " + reply.status() + " retraction accepted");
        Optional<Map<String, Object>> view = Poll.until(DemoScenario.STEP_TIMEOUT, () -> {
            Map<String, Object> body = publisher.get("/api/v1/signals/" + signalId).body();
            return "RETRACTED".equals(body.get("state")) && !destinations(delivery(body), "retractedFrom").isEmpty()
                    ? Optional.of(body) : Optional.empty();
        });
        if (view.isEmpty()) {
            out.println("  the retraction did not propagate within " + DemoScenario.STEP_TIMEOUT.toSeconds() + " s");
            return false;
        }
        Map<String, Object> delivery = delivery(view.get());
        out.println("  state RETRACTED; retracted from " + members(destinations(delivery, "retractedFrom")) + "; receipts: "
                + (delivery.get("receipts") instanceof List<?> r ? r.size() : 0));
        return true;
    }

    /** Waits for a CRITICAL case holding one of the signals, as the reporter's officer sees it. */
    Optional<Map<String, Object>> awaitCriticalCase(String country, List<String> signalIds, Instant since)
            throws IOException, InterruptedException {
        NodeClient officer = network.client(country, DemoRole.OFFICER);
        Optional<Map<String, Object>> found = Poll.until(DemoScenario.STEP_TIMEOUT, () -> items(officer.get("/api/v1/cases")
                .body()).stream().filter(c -> "CRITICAL".equals(c.get("tier")))
                .filter(c -> c.get("signalIds") instanceof List<?> ids && ids.stream().anyMatch(signalIds::contains))
                .findFirst());
        if (found.isEmpty()) {
            out.println("  no CRITICAL case holding these signals within " + DemoScenario.STEP_TIMEOUT.toSeconds() + " s");
            return found;
        }
        Map<String, Object> c = found.get();
        out.println("  case " + c.get("caseId") + ": tier " + c.get("tier") + ", state " + c.get("state")
                + ", involved " + c.get("involvedCountries") + ", acknowledge by " + c.get("ackDeadline"));
        return found;
    }

    /**
     * Waits for a case other than {@code otherThan} holding the signals, as the country's officer sees it
     * (a signal its origin shares with the coordination centre as a count only is never named on a case,
     * so one named signal suffices, and none may be on the other case).
     */
    Optional<Map<String, Object>> awaitCase(String country, List<String> signalIds, String otherThan)
            throws IOException, InterruptedException {
        NodeClient officer = network.client(country, DemoRole.OFFICER);
        Optional<Map<String, Object>> found = Poll.until(DemoScenario.STEP_TIMEOUT, () -> {
            List<Map<String, Object>> cases = items(officer.get("/api/v1/cases").body());
            boolean mixed = cases.stream().filter(c -> otherThan.equals(c.get("caseId")))
                    .anyMatch(c -> c.get("signalIds") instanceof List<?> ids && ids.stream().anyMatch(signalIds::contains));
            return mixed ? Optional.empty() : cases.stream().filter(c -> !otherThan.equals(c.get("caseId")))
                    .filter(c -> c.get("signalIds") instanceof List<?> ids && ids.stream().anyMatch(signalIds::contains))
                    .findFirst();
        });
        if (found.isEmpty()) {
            out.println("  no case of its own holding " + signalIds + " within " + DemoScenario.STEP_TIMEOUT.toSeconds() + " s");
            return found;
        }
        Map<String, Object> c = found.get();
        out.println("  case " + c.get("caseId") + " (not " + otherThan + "): tier " + c.get("tier") + ", \"" + c.get("title")
                + "\", reporting " + c.get("reportingCountries"));
        return found;
    }

    /**
     * Waits until the case, as the viewer's officer sees it, lists the late signal, then shows what the
     * reporter's duty officer was told about the case. (Whether the viewer sees the reporter among the
     * reporting countries is the reporter's attribution policy: an anonymous origin is never named.)
     */
    boolean awaitJoined(String viewer, String caseId, String signalId, String reporter) throws IOException, InterruptedException {
        NodeClient officer = network.client(viewer, DemoRole.OFFICER);
        Optional<Map<String, Object>> grown = Poll.until(DemoScenario.STEP_TIMEOUT, () -> {
            Map<String, Object> c = officer.get("/api/v1/cases/" + caseId).body();
            return c.get("signalIds") instanceof List<?> ids && ids.contains(signalId) ? Optional.of(c) : Optional.empty();
        });
        if (grown.isEmpty()) {
            out.println("  case " + caseId + " did not list " + signalId + " within "
                    + DemoScenario.STEP_TIMEOUT.toSeconds() + " s");
            return false;
        }
        out.println("  " + viewer + " sees case " + caseId + " list " + ((List<?>) grown.get().get("signalIds")).size()
                + " signals, reporting " + grown.get().get("reportingCountries") + " (+" + grown.get().get("unnamedSignalCount")
                + " not named to " + viewer + ")");
        NodeClient reporterOfficer = network.client(reporter, DemoRole.OFFICER);
        Optional<Map<String, Object>> told = Poll.until(DemoScenario.STEP_TIMEOUT, () -> items(reporterOfficer
                .get("/api/v1/notifications?limit=500").body()).stream()
                .filter(n -> caseId.equals(n.get("caseId")) && "CASE_UPDATED".equals(n.get("kind"))).reduce((a, b) -> b));
        told.ifPresentOrElse(n -> out.println("  " + reporter + " officer " + n.get("officerId") + ": " + n.get("kind") + " \""
                        + n.get("message") + "\""),
                () -> out.println("  " + reporter + ": no update notification about the case"));
        return told.isPresent();
    }

    /** Shows, per member, the notifications its duty officer received about the case. */
    boolean showNotifications(String caseId) throws IOException, InterruptedException {
        return showNotifications(caseId, network.countries());
    }

    /** Shows the notification each of {@code countries}' duty officers received about the case; true when all got one. */
    boolean showNotifications(String caseId, List<String> countries) throws IOException, InterruptedException {
        int reached = 0;
        for (String country : countries) {
            NodeClient officer = network.client(country, DemoRole.OFFICER);
            Optional<Map<String, Object>> note = Poll.until(DemoScenario.STEP_TIMEOUT, () -> items(officer
                    .get("/api/v1/notifications?limit=500").body()).stream()
                    .filter(n -> caseId.equals(n.get("caseId"))).reduce((a, b) -> b));
            if (note.isPresent()) {
                reached++;
                out.println("  " + country + " officer " + note.get().get("officerId") + ": " + note.get().get("kind")
                        + " \"" + note.get().get("title") + "\" (ask: " + note.get().get("ask") + ")");
            } else {
                out.println("  " + country + ": no notification about the case");
            }
        }
        return reached == countries.size();
    }

    /**
     * The country's duty officer was paged by e-mail: finds the page about the case in the devstack's
     * mailbox, opens its acknowledgement link (a GET shows the page and changes nothing), presses its
     * button (the POST), and waits until the case shows the country's acknowledgement.
     */
    boolean acknowledgeFromMail(String country, String caseId) throws IOException, InterruptedException {
        NodeClient officer = network.client(country, DemoRole.OFFICER);
        out.println();
        out.println("Step 6. " + country + "'s duty officer acknowledges the case from the paging e-mail");
        out.println("  captured pages: " + mailbox.url() + "/ (user and password: 'mailbox' in var/devstack.json)");
        Optional<Map<String, Object>> note = Poll.until(DemoScenario.STEP_TIMEOUT, () -> items(officer
                .get("/api/v1/notifications?limit=500").body()).stream()
                .filter(n -> caseId.equals(n.get("caseId")) && n.get("ask") instanceof String ask && !ask.isBlank())
                .findFirst());
        if (note.isEmpty()) {
            out.println("  no notification asking " + country + "'s officer to act on the case");
            return false;
        }
        String address = io.aegis.devstack.services.ServiceCatalog.officerAddress(country,
                String.valueOf(note.get().get("officerId")));
        Optional<MailboxClient.Mail> mail = Poll.until(DemoScenario.STEP_TIMEOUT, () -> mailbox.messages().stream()
                .filter(m -> m.to().contains(address) && m.text().contains(caseId))
                .filter(m -> m.links().stream().anyMatch(l -> l.contains("/ack/"))).findFirst());
        if (mail.isEmpty()) {
            out.println("  no page about the case reached " + address + " within " + DemoScenario.STEP_TIMEOUT.toSeconds() + " s");
            return false;
        }
        out.println("  " + address + " received \"" + mail.get().subject() + "\"");
        String link = mail.get().links().stream().filter(l -> l.contains("/ack/")).findFirst().orElseThrow();
        MailboxClient.Page shown = MailboxClient.open(link);
        MailboxClient.Page confirmed = MailboxClient.confirm(link);
        out.println("  opened its acknowledgement link -> " + shown.status() + ", pressed Acknowledge -> " + confirmed.status());
        MailboxClient.Page again = MailboxClient.confirm(link);
        out.println("  the same link a second time -> " + again.status() + " (one-time)");
        Optional<Map<String, Object>> acked = Poll.until(DemoScenario.STEP_TIMEOUT, () -> {
            Map<String, Object> c = officer.get("/api/v1/cases/" + caseId).body();
            return c.get("acknowledgements") instanceof List<?> acks && acks.toString().contains("country=" + country)
                    ? Optional.of(c) : Optional.empty();
        });
        acked.ifPresent(c -> out.println("  acknowledgements now: " + c.get("acknowledgements")));
        return shown.status() == 200 && confirmed.status() == 200 && again.status() == 409 && acked.isPresent();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return page.get("items") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> delivery(Map<String, Object> view) {
        return view.get("delivery") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
    }

    /** The member countries among decision destinations (the coordination view is a destination too). */
    private List<String> members(List<String> destinations) {
        return destinations.stream().filter(network.countries()::contains).toList();
    }

    private static List<String> destinations(Map<String, Object> delivery, String key) {
        if (!(delivery.get(key) instanceof List<?> decisions)) {
            return List.of();
        }
        return decisions.stream().filter(d -> d instanceof Map<?, ?>).map(d -> String.valueOf(((Map<?, ?>) d)
                .get("destination"))).distinct().sorted().toList();
    }
}
