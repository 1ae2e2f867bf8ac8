package io.aegis.devstack.e2e;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signals in the node API's JSON shape for the end-to-end tests; each run passes its own unique token. */
final class Signals {

    private Signals() {
    }

    static Map<String, Object> indicator(String type, String value) {
        return Map.of("type", type, "value", value);
    }

    static Map<String, Object> signal(String category, String title, int severity, String tlp, List<String> sectors,
                                      List<Map<String, Object>> indicators, String campaignId) {
        Map<String, Object> signal = new LinkedHashMap<>();
        signal.put("category", category);
        signal.put("title", title);
        signal.put("description", "Reported by the end-to-end test");
        signal.put("severity", severity);
        signal.put("confidence", 80);
        signal.put("tlp", tlp);
        signal.put("observedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(5, ChronoUnit.MINUTES).toString());
        signal.put("sectors", sectors);
        signal.put("atlasTechniques", List.of("AML.T0048"));
        signal.put("indicators", indicators);
        if (campaignId != null) {
            signal.put("campaignId", campaignId);
        }
        return signal;
    }

    /**
     * One country's report of the run's voice-clone campaign: severity 4, GREEN, finance only (one
     * critical sector, so three countries make it SEVERE, not CRITICAL), sharing the campaign id
     * and the callback domain.
     */
    static Map<String, Object> campaignReport(String run, String country) {
        Map<String, Object> signal = signal("DEEPFAKE_FRAUD", "Voice-clone fraud against bank call centres (" + country + ")",
                4, "GREEN", List.of("FINANCE"), List.of(indicator("DOMAIN", "callback-" + run + ".example"),
                        indicator("WALLET_ADDRESS", "bc1q" + run + country.toLowerCase(java.util.Locale.ROOT) + "0mule0wallet")),
                "voice-clone-" + run);
        signal.put("affectedSystems", List.of(Map.of("provider", "ExampleAI", "model", "voice-x", "version", "2.1")));
        return signal;
    }
}
