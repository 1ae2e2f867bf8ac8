package io.aegis.kafka.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class KafkaSecurityConfigTest {

    @Test
    void shouldBuildSaslSslPropertiesWithAParseableJaasLine() {
        // a password with a quote must not break (or inject into) the JAAS line
        KafkaSecurityConfig config = KafkaSecurityConfig.saslSsl(SaslMechanism.SCRAM_SHA_512, "node-fr",
                "p\"ss\\word", new TlsStore("/etc/aegis/truststore.p12", "changeit", null));

        Map<String, Object> props = config.toProperties();

        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", props.get(SaslConfigs.SASL_MECHANISM));
        assertEquals("/etc/aegis/truststore.p12", props.get(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG));
        assertEquals("PKCS12", props.get(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG));
        assertEquals("https", props.get(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG));
        var entries = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG,
                new Password((String) props.get(SaslConfigs.SASL_JAAS_CONFIG)))).configurationEntries();
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule", entries.get(0).getLoginModuleName());
        assertEquals("node-fr", entries.get(0).getOptions().get("username"));
        assertEquals("p\"ss\\word", entries.get(0).getOptions().get("password"));
    }

    @Test
    void shouldBuildMutualTlsPropertiesWithoutSasl() {
        KafkaSecurityConfig config = KafkaSecurityConfig.mutualTls(new TlsStore("/t.jks", "t", "jks"),
                new TlsStore("/k.p12", "k", null), "kp");

        Map<String, Object> props = config.toProperties();

        assertEquals("SSL", props.get("security.protocol"));
        assertEquals("JKS", props.get(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG));
        assertEquals("/k.p12", props.get(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG));
        assertEquals("kp", props.get(SslConfigs.SSL_KEY_PASSWORD_CONFIG));
        assertFalse(props.containsKey(SaslConfigs.SASL_JAAS_CONFIG));
    }

    @Test
    void shouldReadTypedSettingsFromAFlatMap() {
        KafkaSecurityConfig config = KafkaSecurityConfig.fromMap(Map.of("protocol", "sasl_ssl",
                "sasl.mechanism", "scram-sha-256", "sasl.username", "u", "sasl.password", "p",
                "ssl.hostname-verification", "false"));

        assertEquals(SecurityProtocol.SASL_SSL, config.protocol());
        assertEquals(SaslMechanism.SCRAM_SHA_256, config.saslMechanism());
        assertEquals("", config.toProperties().get(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG));
        assertEquals(KafkaSecurityConfig.plaintext(), KafkaSecurityConfig.fromMap(Map.of()));
    }

    @Test
    void shouldNameTheMissingSettingForSasl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaSecurityConfig.fromMap(
                Map.of("protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "sasl.username", "u")));

        assertEquals("kafka security: sasl.password is required for SASL_SSL", e.getMessage());
    }

    @Test
    void shouldRefuseUnknownProtocolsAndMechanisms() {
        IllegalArgumentException protocol = assertThrows(IllegalArgumentException.class,
                () -> KafkaSecurityConfig.fromMap(Map.of("protocol", "TLS")));
        IllegalArgumentException mechanism = assertThrows(IllegalArgumentException.class,
                () -> SaslMechanism.parse("GSSAPI"));

        assertTrue(protocol.getMessage().startsWith("protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"));
        assertTrue(mechanism.getMessage().startsWith("sasl.mechanism must be one of"));
    }

    @Test
    void shouldNeverPrintSecrets() {
        KafkaSecurityConfig config = KafkaSecurityConfig.saslSsl(SaslMechanism.PLAIN, "u", "s3cret",
                new TlsStore("/t.p12", "storepass", null));

        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertFalse(config.toString().contains("storepass"), config.toString());
    }
}
