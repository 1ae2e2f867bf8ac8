package io.aegis.router.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.schema.common.Indicator;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.schema.common.CoordinationLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndicatorValuesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "DOMAIN|Fraud.Example.|fraud.example",
            "EMAIL|Victim@Example.ORG|victim@example.org",
            "IPV4|010.001.002.003|10.1.2.3",
            "IPV6|2001:0DB8:0000:0000:0000:0000:0000:0001|2001:db8::1",
            "IPV6|2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
            "IPV6|0:0:0:0:0:0:0:1|::1",
            "IPV6|fe80::|fe80::",
            "IPV6|2001:db8::0:1|2001:db8::1",
            "URL|HTTPS://Fraud.EXAMPLE/Login?Next=A|https://fraud.example/Login?Next=A",
            "SHA256|9F86D081884C7D65|9f86d081884c7d65",
            "PROMPT_PATTERN|  Ignore ALL previous  |Ignore ALL previous",
    })
    void shouldNormaliseValuesSoTheSameIndicatorHasOneForm(IndicatorType type, String raw, String expected) {
        assertEquals(expected, IndicatorValues.normalised(type, raw));
    }

    @ParameterizedTest(name = "{0}: {1} ~ {2}")
    @CsvSource(delimiter = '|', value = {
            "DOMAIN|fraud.example|FRAUD.example.",
            "IPV6|2001:db8::1|2001:0db8:0:0::0001",
            "URL|https://fraud.example/x|HTTPS://FRAUD.EXAMPLE/x",
    })
    void shouldGiveTheSameDigestHoweverTheIndicatorWasTyped(IndicatorType type, String one, String other) {
        // why: two countries reporting the same indicator must land in one correlation group
        CoordinationView view = new CoordinationView("normalise-network-key-0123456789".getBytes(StandardCharsets.UTF_8));

        assertEquals(digests(view, type, one), digests(view, type, other));
    }

    private static List<String> digests(CoordinationView view, IndicatorType type, String value) {
        SignalContent content = SignalContent.newBuilder(Fixtures.content(Tlp.GREEN))
                .setIndicators(List.of(new Indicator(type, value))).setCampaignId(null).setAffectedSystems(List.of())
                .setSectors(List.of(Sector.FINANCE)).build();
        ThreatSignal signal = ThreatSignal.newBuilder().setId("s").setOriginCountry("FR").setOriginAgency("a")
                .setSubmittedAt(Fixtures.NOW).setContent(content).setContentHash("sha256:x").setKeyId("k")
                .setSignature(java.nio.ByteBuffer.allocate(0)).build();
        return view.of(signal, CoordinationLevel.HASHED, false).orElseThrow().getCorrelationDigests();
    }
}
