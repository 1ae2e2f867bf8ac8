package io.aegis.router.domain;

import io.aegis.policy.Members;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.SignalContent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders shared by the domain tests. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private Fixtures() {
    }

    /** FR, DE, JP, BR, KE with network groups eu=[FR, DE] and g-south=[BR, KE]. */
    public static Members demoMembers() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String cc : List.of("FR", "DE", "JP", "BR", "KE")) {
            keys.put(cc, "key-" + cc);
        }
        return Members.of(keys, Map.of("eu", List.of("FR", "DE"), "g-south", List.of("BR", "KE")));
    }

    public static SignalContent content(Tlp tlp, List<String> recipients) {
        return SignalContent.newBuilder()
                .setCategory(Category.DEEPFAKE_FRAUD)
                .setTitle("Voice-clone fraud campaign")
                .setDescription("personal data inside")
                .setSeverity(4)
                .setConfidence(80)
                .setTlp(tlp)
                .setObservedAt(NOW)
                .setSectors(List.of(Sector.FINANCE))
                .setAtlasTechniques(List.of("AML.T0048"))
                .setIndicators(List.of(
                        new Indicator(IndicatorType.DOMAIN, "fraud.example"),
                        new Indicator(IndicatorType.EMAIL, "victim@example.org")))
                .setRecipients(recipients)
                .setCampaignId("camp-1")
                .build();
    }

    public static SignalContent content(Tlp tlp) {
        return content(tlp, List.of());
    }

    /** The example policy of ARCHITECTURE.md, for FR. */
    public static final String ARCHITECTURE_POLICY = io.aegis.testsupport.fixtures.Policies.ARCHITECTURE_YAML;
}
