package io.aegis.devstack.demo;

import io.aegis.devstack.config.Layout;
import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.DevstackDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./aegis demo}: a cross-border deepfake-fraud campaign played through the node APIs of
 * a running devstack. Three members report it with shared indicators, one of them as AMBER that
 * its policy withholds from members outside its trusted group, a fourth member files and then
 * retracts an unrelated report, and the coordination centre escalates the campaign to CRITICAL,
 * opens a joint case and notifies every member's duty officer, who acknowledges it. Then a second,
 * unrelated campaign in the same category and sector gets a case of its own, and a late report of the
 * first campaign joins the first case. Each step
 * prints what the network did; the demo fails (false) when an expected effect does not appear.
 */
public final class DemoScenario {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

    private final StackSettings settings;
    private final PrintStream out;

    public DemoScenario(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Plays the scenario; true when every expected effect was observed. */
    public boolean play() throws IOException, InterruptedException {
        Map<String, Object> descriptor = DevstackDescriptor.read(new Layout(settings.varDir()).descriptor());
        DemoNetwork network = DemoNetwork.from(descriptor);
        List<String> countries = network.countries();
        if (countries.size() < 4) {
            throw new IllegalArgumentException("the demo needs at least four nodes (three reporters and one outsider), "
                    + "devstack.json lists " + countries);
        }
        Instant start = Instant.now();
        String run = Long.toString(start.getEpochSecond(), 36);
        DemoSignals signals = new DemoSignals(run, start);
        DemoSteps steps = new DemoSteps(network, MailboxClient.from(descriptor), out);
        String first = countries.get(0);
        String second = countries.get(1);
        String third = countries.get(2);
        String outsider = countries.get(countries.size() - 1);
        out.println("Aegis demo: campaign " + signals.campaign() + " across " + countries);

        steps.title(1, first + " reports voice-clone fraud against its banks' call centres (GREEN, severity 4)");
        String firstId = steps.publish(first, signals.bankCallCentres());
        steps.title(2, second + " reports the campaign defeating telecom voice authentication (AMBER)");
        String amberId = steps.publish(second, signals.telecomVoiceAuth());
        boolean policyHeld = steps.showPolicyAtWork(second, amberId);
        steps.title(3, outsider + " files an unrelated report by mistake, then retracts it");
        String mistakenId = steps.publish(outsider, signals.mistakenReport());
        boolean retracted = steps.retract(outsider, mistakenId, first);
        steps.title(4, third + " reports the same voice model draining payment networks (severity 5)");
        String thirdId = steps.publish(third, signals.paymentNetworks());
        steps.title(5, "The coordination centre correlates three countries and two critical sectors");
        Optional<Map<String, Object>> critical = steps.awaitCriticalCase(first, List.of(firstId, amberId, thirdId), start);
        boolean notified = critical.isPresent() && steps.showNotifications(caseId(critical.get()));
        boolean acknowledged = critical.isPresent() && steps.acknowledgeFromMail(first, caseId(critical.get()));
        // three countries whose policies name their reports to the coordination centre: a COUNT_ONLY report
        // carries no campaign or indicator, so it joins whichever incident of its category and sector is latest
        List<String> reporters = DemoPolicies.namedFirst(settings.infraDir().resolve("policies"),
                countries.subList(0, countries.size() - 1)).subList(0, 3);
        steps.title(7, "A different campaign hits the same sector: " + reporters
                + " report synthetic identities at banks (" + signals.secondCampaign() + ")");
        List<String> secondIds = new java.util.ArrayList<>();
        for (String country : reporters) {
            secondIds.add(steps.publish(country, signals.syntheticIdentity(country)));
        }
        Optional<Map<String, Object>> secondCase = steps.awaitCase(first, secondIds,
                critical.map(DemoScenario::caseId).orElse(""));
        boolean secondNotified = secondCase.isPresent()
                && steps.showNotifications(caseId(secondCase.get()), reporters);
        steps.title(8, outsider + " reports the first campaign's callback domain, late");
        String lateId = steps.publish(outsider, signals.lateCallbackSighting());
        boolean joined = critical.isPresent() && steps.awaitJoined(first, caseId(critical.get()), lateId, outsider);
        steps.title(9, first + "'s threat-intelligence platform reads its inbox over TAXII 2.1");
        boolean taxii = new TaxiiStep(network, out).show(first, List.of(amberId, thirdId), mistakenId, outsider, amberId);
        return report(policyHeld, retracted, critical.isPresent(), notified, acknowledged,
                secondCase.isPresent() && secondNotified, joined, taxii);
    }

    private static String caseId(Map<String, Object> emergencyCase) {
        return String.valueOf(emergencyCase.get("caseId"));
    }

    private boolean report(boolean policyHeld, boolean retracted, boolean critical, boolean notified, boolean acked,
                           boolean secondCase, boolean joined, boolean taxii) {
        out.println();
        out.println("Result:");
        line("the AMBER signal was withheld from members outside the origin's trusted group", policyHeld);
        line("the retraction reached every earlier recipient", retracted);
        line("the campaign escalated to CRITICAL and a joint case opened", critical);
        line("duty officers of the member countries were notified", notified);
        line("the first reporter's duty officer was paged by e-mail and acknowledged the case from the page's one-time link",
                acked);
        line("a second campaign in the same sector got a case of its own, and its reporters' officers were told", secondCase);
        line("a late report of the first campaign joined the first case", joined);
        line("over TAXII 2.1 the shared reports were served with their TLP markings, the retracted one revoked, "
                + "and the withheld AMBER report was absent from the outsider's collection", taxii);
        return policyHeld && retracted && critical && notified && acked && secondCase && joined && taxii;
    }

    private void line(String what, boolean ok) {
        out.println("  [" + (ok ? "ok" : "MISSING") + "] " + what);
    }
}
