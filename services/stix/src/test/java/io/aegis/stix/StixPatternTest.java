package io.aegis.stix;

import io.aegis.schema.common.IndicatorType;
import io.aegis.stix.PatternIndicators.Found;
import io.aegis.stix.PatternIndicators.Mapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StixPatternTest {

    private static Mapping map(String pattern) {
        return PatternIndicators.map(StixPattern.parse(pattern));
    }

    @Test
    void shouldMapEachObservableShapeToItsIndicatorType() {
        assertThat(map("[domain-name:value = 'evil.example']").indicators())
                .containsExactly(new Found(IndicatorType.DOMAIN, "evil.example"));
        assertThat(map("[url:value = 'https://x.example/a']").indicators().get(0).type()).isEqualTo(IndicatorType.URL);
        assertThat(map("[ipv4-addr:value = '198.51.100.3']").indicators().get(0).type()).isEqualTo(IndicatorType.IPV4);
        assertThat(map("[ipv6-addr:value = '2001:db8::1']").indicators().get(0).type()).isEqualTo(IndicatorType.IPV6);
        assertThat(map("[file:hashes.'SHA-256' = 'ab']").indicators().get(0).type()).isEqualTo(IndicatorType.SHA256);
        assertThat(map("[file:hashes.MD5 = 'ab']").indicators().get(0).type()).isEqualTo(IndicatorType.MD5);
        assertThat(map("[email-addr:value = 'a@b.example']").indicators().get(0).type()).isEqualTo(IndicatorType.EMAIL);
    }

    @Test
    void shouldReadOrJoinedComparisonsOfOneObservationAsSeveralIndicators() {
        Mapping m = map("[domain-name:value = 'a.example' OR (domain-name:value == 'b.example' OR url:value = 'u')]");

        assertThat(m.indicators()).containsExactly(new Found(IndicatorType.DOMAIN, "a.example"),
                new Found(IndicatorType.DOMAIN, "b.example"), new Found(IndicatorType.URL, "u"));
    }

    @Test
    void shouldUnescapeQuotesAndBackslashesAndRoundTripThem() {
        String value = "it's a \\ path";
        String pattern = PatternIndicators.pattern(IndicatorType.URL, value).orElseThrow();

        assertThat(pattern).isEqualTo("[url:value = 'it\\'s a \\\\ path']");
        assertThat(map(pattern).indicators()).containsExactly(new Found(IndicatorType.URL, value));
    }

    @Test
    void shouldHaveNoStixPatternForAiSpecificTypes() {
        assertThat(PatternIndicators.pattern(IndicatorType.MODEL_FINGERPRINT, "x")).isEmpty();
        assertThat(PatternIndicators.pattern(IndicatorType.WALLET_ADDRESS, "x")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[process:name = 'x']",
        "[domain-name:value MATCHES '^evil']",
        "[domain-name:value LIKE 'evil%']",
        "[domain-name:value != 'a.example']",
        "[domain-name:value NOT = 'a.example']",
        "[domain-name:value = 'a' AND url:value = 'b']",
        "[domain-name:value = 'a'] FOLLOWEDBY [url:value = 'b']",
        "[domain-name:value = 'a'] OR [url:value = 'b']",
        "[domain-name:value = 'a'] WITHIN 300 SECONDS",
        "[domain-name:value = 'a'] REPEATS 5 TIMES",
        "[domain-name:value = 'a'] START t'2026-01-01T00:00:00Z' STOP t'2026-02-01T00:00:00Z'",
        "[EXISTS file:name]",
        "[file:size > 1000]",
        "[ipv4-addr:value IN ('198.51.100.1', '198.51.100.2')]",
        "[file:hashes.'SHA-1' = 'ab']"
    })
    void shouldParseButRefuseValidPatternsAegisCannotMap(String pattern) {
        Mapping m = map(pattern);

        assertThat(m.mapped()).as(pattern).isFalse();
        assertThat(m.unmappable()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "domain-name:value = 'a'",
        "[domain-name:value = 'a'",
        "[domain-name:value = 'a]",
        "[domain-name:value = 'a\\n']",
        "[domain-name value = 'a']",
        "[Domain-Name:value = 'a']",
        "[domain-name:value = ]",
        "[domain-name:value 'a']",
        "[domain-name:value = 'a'] AND",
        "[domain-name:value = 'a'] WITHIN SECONDS",
        "[file:size > true]",
        "[file:hashes.MD5 = h'abc']",
        "[domain-name:value = 'a'] START t'yesterday' STOP t'2026-01-01T00:00:00Z'",
        "[domain-name:value = 'a'] ]",
        ""
    })
    void shouldRejectInvalidSyntax(String pattern) {
        assertThatThrownBy(() -> StixPattern.parse(pattern)).as(pattern).isInstanceOf(StixPatternException.class);
    }

    @Test
    void shouldParseTheFullGrammarNesting() {
        String pattern = "([file:name = 'a.exe' AND file:size >= 10] OR [network-traffic:dst_ref.value = '1.2.3.4'])"
                + " FOLLOWEDBY [process:extensions.'windows-process-ext'.aslr_enabled = true AND process:args[*] = 'x']"
                + " WITHIN 10.5 SECONDS";

        assertThat(StixPattern.parse(pattern)).isInstanceOf(StixPattern.Combined.class);
    }
}
