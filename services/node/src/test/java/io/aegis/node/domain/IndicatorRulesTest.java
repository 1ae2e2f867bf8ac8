package io.aegis.node.domain;

import io.aegis.schema.common.IndicatorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IndicatorRulesTest {

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @CsvSource({
            "DOMAIN, fraud.example, true",
            "DOMAIN, not a domain, false",
            "DOMAIN, localhost, false",
            "URL, https://fraud.example/login, true",
            "URL, ftp://fraud.example, false",
            "URL, javascript:alert(1), false",
            "IPV4, 192.0.2.10, true",
            "IPV4, 256.1.1.1, false",
            "IPV6, 2001:db8::1, true",
            "IPV6, 2001:db8:::1:zz, false",
            "SHA256, 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, true",
            "SHA256, 9f86d0, false",
            "MD5, d41d8cd98f00b204e9800998ecf8427e, true",
            "MD5, d41d8cd98f00b204e9800998ecf8427, false",
            "EMAIL, fraud@bank.example, true",
            "EMAIL, fraud.bank.example, false",
            "MODEL_FINGERPRINT, fp:voice-x:2.1:abcdef, true",
            "MODEL_FINGERPRINT, short, false",
            "CONTENT_HASH, sha256:9f86d081884c7d65, true",
            "CONTENT_HASH, 9f86d081884c7d65, false",
            "WATERMARK_ID, wm-2026-0001, true",
            "WALLET_ADDRESS, bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh, true",
            "WALLET_ADDRESS, 0x12, false",
    })
    void shouldCheckValueShapePerIndicatorType(IndicatorType type, String value, boolean valid) {
        assertEquals(valid, IndicatorRules.check(type, value).isEmpty(), () -> IndicatorRules.check(type, value).toString());
    }
}
