package io.aegis.devstack.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signals of the demo scenario, in the node API's JSON shape. One run's campaign shares
 * indicators across reports (a callback domain, a mule wallet and a voice-model fingerprint),
 * each run with its own values so that reruns stay distinguishable.
 */
public final class DemoSignals {

    private final String run;
    private final Instant now;

    public DemoSignals(String run, Instant now) {
        this.run = run;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    public String campaign() {
        return "deepfake-voice-" + run;
    }

    private String domain() {
        return "secure-callback-" + run + ".example";
    }

    private Map<String, Object> indicator(String type, String value) {
        return Map.of("type", type, "value", value);
    }

    private Map<String, Object> base(String title, String description, int severity, String tlp, List<String> sectors,
                                     List<Map<String, Object>> indicators, int minutesAgo) {
        Map<String, Object> signal = new LinkedHashMap<>();
        signal.put("category", "DEEPFAKE_FRAUD");
        signal.put("title", title);
        signal.put("description", description);
        signal.put("severity", severity);
        signal.put("confidence", 80);
        signal.put("tlp", tlp);
        signal.put("observedAt", now.minus(minutesAgo, ChronoUnit.MINUTES).toString());
        signal.put("sectors", sectors);
        signal.put("atlasTechniques", List.of("AML.T0048"));
        signal.put("affectedSystems", List.of(Map.of("provider", "ExampleAI", "model", "voice-x", "version", "2.1")));
        signal.put("indicators", indicators);
        signal.put("campaignId", campaign());
        return signal;
    }

    /** First report: cloned executives' voices call bank call centres to authorise transfers. */
    public Map<String, Object> bankCallCentres() {
        return base("Voice-clone fraud campaign against bank call centres",
                "Callers with cloned voices of corporate treasurers request urgent transfers; callback numbers "
                        + "route through " + domain() + ".", 4, "GREEN", List.of("FINANCE"),
                List.of(indicator("DOMAIN", domain()), indicator("WALLET_ADDRESS", "bc1q" + run + "demo0mule0wallet")),
                40);
    }

    /** Second report, AMBER: the same campaign defeats a telecom operator's voice authentication. */
    public Map<String, Object> telecomVoiceAuth() {
        return base("Cloned voices bypass telecom voice authentication",
                "The campaign's voice model defeats voice-print checks of a mobile operator; SIM swaps follow. "
                        + "Contact: soc-liaison@operator.example", 4, "AMBER", List.of("TELECOM", "FINANCE"),
                List.of(indicator("DOMAIN", domain()), indicator("MODEL_FINGERPRINT", "vx21-" + run),
                        indicator("EMAIL", "soc-liaison@operator.example")), 30);
    }

    /** Third report: payment fraud with the same voice model, catastrophic losses. */
    public Map<String, Object> paymentNetworks() {
        return base("Deepfake voice fraud against payment networks",
                "Real-time payment approvals obtained with cloned voices; losses growing by the hour.", 5, "GREEN",
                List.of("FINANCE", "TELECOM"),
                List.of(indicator("MODEL_FINGERPRINT", "vx21-" + run),
                        indicator("WALLET_ADDRESS", "bc1q" + run + "demo0mule0wallet")), 20);
    }

    /** The second, unrelated campaign of the run: another actor, another model, the same category and sector. */
    public String secondCampaign() {
        return "synthetic-id-" + run;
    }

    /**
     * A report of the second campaign: synthetic faces open mule accounts at banks (DEEPFAKE_FRAUD in
     * FINANCE like the first campaign, but its own campaign, indicators and model), severity 4.
     */
    public Map<String, Object> syntheticIdentity(String country) {
        Map<String, Object> signal = base("Synthetic-face identities open mule accounts (" + country + ")",
                "Face-swap video passes remote identity checks; accounts are opened in bulk and used as mules.", 4, "GREEN",
                List.of("FINANCE"), List.of(indicator("DOMAIN", "kyc-upload-" + run + ".example"),
                        indicator("URL", "https://kyc-upload-" + run + ".example/session/" + country.toLowerCase())), 5);
        signal.put("campaignId", secondCampaign());
        signal.put("affectedSystems", List.of(Map.of("provider", "OtherAI", "model", "face-z", "version", "1.0")));
        return signal;
    }

    /** A late report of the first campaign: its callback domain seen at another bank, hours later. */
    public Map<String, Object> lateCallbackSighting() {
        return base("Callback domain of the voice-clone campaign seen at a savings bank",
                "Same callback domain " + domain() + " in calls to a savings bank's branch staff.", 3, "GREEN",
                List.of("FINANCE"), List.of(indicator("DOMAIN", domain())), 1);
    }

    /** A report filed in error (wrong domain blamed), retracted later in the scenario. */
    public Map<String, Object> mistakenReport() {
        Map<String, Object> signal = base("Suspected deepfake video ads (filed in error)",
                "Filed against the wrong domain; to be retracted.", 2, "GREEN", List.of("MEDIA"),
                List.of(indicator("DOMAIN", "legit-news-" + run + ".example")), 10);
        signal.put("category", "DISINFORMATION_CAMPAIGN");
        signal.remove("campaignId");
        signal.remove("affectedSystems");
        return signal;
    }
}
