package io.aegis.policy;

import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.SignalContent;
import io.aegis.testsupport.fixtures.Policies;
import io.aegis.testsupport.fixtures.Signals;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The policy library's test members and signals, on test-support's shared fixtures. */
final class Fixtures {

    static final Instant NOW = Signals.OBSERVED;
    static final String ARCHITECTURE_POLICY = Policies.ARCHITECTURE_YAML;

    private Fixtures() {
    }

    /** FR, DE, JP, BR, KE with network groups eu=[FR, DE] and g-south=[BR, KE]. */
    static Members demoMembers() {
        return Members.of(Map.of("FR", "k", "DE", "k", "JP", "k", "BR", "k", "KE", "k"),
                Map.of("eu", List.of("FR", "DE"), "g-south", List.of("BR", "KE")));
    }

    /** The contract example signal at {@code tlp}, with a personal e-mail indicator to redact. */
    static SignalContent content(Tlp tlp) {
        return Signals.content().setTlp(tlp).setRecipients(List.of()).setIndicators(List.of(
                new Indicator(IndicatorType.DOMAIN, "fraud.example"), new Indicator(IndicatorType.EMAIL, "victim@example.org")))
                .build();
    }
}
