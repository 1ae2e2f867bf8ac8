package io.aegis.kafka.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Typed security settings of a Kafka client for a real cluster (SASL/PLAIN or SCRAM over TLS,
 * or mutual TLS), validated when built and turned into client properties in one place.
 * Secrets never appear in {@link #toString()}.
 *
 * @param protocol             PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism        required for SASL_*, otherwise null
 * @param username             SASL user name, required for SASL_*
 * @param password             SASL password, required for SASL_*
 * @param truststore           trust store for SSL and SASL_SSL; null to use the JVM's
 * @param keystore             client key store for mutual TLS; null otherwise
 * @param keyPassword          password of the private key in the key store, if different
 * @param hostnameVerification verify the broker host name against its certificate (default true)
 */
public record KafkaSecurityConfig(SecurityProtocol protocol, SaslMechanism saslMechanism, String username,
                                  String password, TlsStore truststore, TlsStore keystore, String keyPassword,
                                  boolean hostnameVerification) {

    public KafkaSecurityConfig {
        Objects.requireNonNull(protocol, "protocol");
        boolean sasl = protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
        boolean tls = protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
        if (sasl) {
            require(saslMechanism != null, "sasl.mechanism is required for " + protocol);
            require(username != null && !username.isBlank(), "sasl.username is required for " + protocol);
            require(password != null && !password.isEmpty(), "sasl.password is required for " + protocol);
        } else {
            require(saslMechanism == null && username == null && password == null,
                    "sasl.* settings are only allowed with SASL_PLAINTEXT or SASL_SSL, not " + protocol);
        }
        if (!tls) {
            require(truststore == null && keystore == null, "ssl.* stores are only allowed with SSL or SASL_SSL, not "
                    + protocol);
        }
    }

    /** No security: local devstack and tests. */
    public static KafkaSecurityConfig plaintext() {
        return new KafkaSecurityConfig(SecurityProtocol.PLAINTEXT, null, null, null, null, null, null, true);
    }

    /** SASL over TLS with a user name and password. */
    public static KafkaSecurityConfig saslSsl(SaslMechanism mechanism, String username, String password,
                                              TlsStore truststore) {
        return new KafkaSecurityConfig(SecurityProtocol.SASL_SSL, mechanism, username, password, truststore, null,
                null, true);
    }

    /** Mutual TLS: the client certificate is the principal. */
    public static KafkaSecurityConfig mutualTls(TlsStore truststore, TlsStore keystore, String keyPassword) {
        Objects.requireNonNull(keystore, "keystore (mutual TLS needs a client certificate)");
        return new KafkaSecurityConfig(SecurityProtocol.SSL, null, null, null, truststore, keystore, keyPassword, true);
    }

    /**
     * Reads settings with these keys (relative to wherever the caller keeps them, e.g.
     * {@code aegis.security.*}): {@code protocol}, {@code sasl.mechanism}, {@code sasl.username},
     * {@code sasl.password}, {@code ssl.truststore.location|password|type},
     * {@code ssl.keystore.location|password|type}, {@code ssl.key.password},
     * {@code ssl.hostname-verification}. A missing protocol means PLAINTEXT.
     */
    public static KafkaSecurityConfig fromMap(Map<String, ?> settings) {
        String protocolText = text(settings, "protocol");
        SecurityProtocol protocol;
        try {
            protocol = protocolText == null ? SecurityProtocol.PLAINTEXT
                    : SecurityProtocol.forName(protocolText.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, got '"
                    + protocolText + "'", e);
        }
        String mechanism = text(settings, "sasl.mechanism");
        String verification = text(settings, "ssl.hostname-verification");
        return new KafkaSecurityConfig(protocol, mechanism == null ? null : SaslMechanism.parse(mechanism),
                text(settings, "sasl.username"), text(settings, "sasl.password"), store(settings, "ssl.truststore"),
                store(settings, "ssl.keystore"), text(settings, "ssl.key.password"),
                verification == null || Boolean.parseBoolean(verification.trim()));
    }

    /** The Kafka client properties for these settings (add them to producer, consumer, admin, streams). */
    public Map<String, Object> toProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
        if (saslMechanism != null) {
            props.put(SaslConfigs.SASL_MECHANISM, saslMechanism.kafkaName());
            props.put(SaslConfigs.SASL_JAAS_CONFIG, saslMechanism.loginModule() + " required username=\""
                    + jaasEscape(username) + "\" password=\"" + jaasEscape(password) + "\";");
        }
        if (truststore != null) {
            putStore(props, truststore, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                    SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        }
        if (keystore != null) {
            putStore(props, keystore, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG,
                    SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG);
            if (keyPassword != null) {
                props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyPassword);
            }
        }
        if (protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL) {
            props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, hostnameVerification ? "https" : "");
        }
        return props;
    }

    @Override
    public String toString() {
        return "KafkaSecurityConfig[protocol=" + protocol + ", saslMechanism=" + saslMechanism + ", username="
                + username + ", password=" + (password == null ? "null" : "***") + ", truststore=" + truststore
                + ", keystore=" + keystore + ", hostnameVerification=" + hostnameVerification + "]";
    }

    private static void putStore(Map<String, Object> props, TlsStore store, String location, String password,
                                 String type) {
        props.put(location, store.location());
        if (store.password() != null) {
            props.put(password, store.password());
        }
        props.put(type, store.type());
    }

    private static TlsStore store(Map<String, ?> settings, String prefix) {
        String location = text(settings, prefix + ".location");
        return location == null ? null
                : new TlsStore(location, text(settings, prefix + ".password"), text(settings, prefix + ".type"));
    }

    private static String text(Map<String, ?> settings, String key) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("kafka security: " + message);
        }
    }
}
