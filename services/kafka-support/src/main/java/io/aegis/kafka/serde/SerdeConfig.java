package io.aegis.kafka.serde;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.RetryPolicy;
import io.aegis.kafka.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Kafka client property names the serdes understand, the same names Confluent's serdes use,
 * so that configuration written for Confluent works unchanged.
 */
public final class SerdeConfig {

    /** Base URL of the schema registry. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Register the writer schema on first use (default true); otherwise only look it up. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Where registry credentials come from; only USER_INFO is supported. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for HTTP basic authentication against the registry. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Deserialize into generated SpecificRecord classes rather than GenericRecord (default false). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    private SerdeConfig() {
    }

    static SchemaRegistryClient clientFrom(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url,
                    "is required when the serde is not constructed with a registry client");
        }
        return new HttpSchemaRegistryClient(url.toString(), RetryPolicy.DEFAULT, userInfo(configs));
    }

    private static String userInfo(Map<String, ?> configs) {
        Object source = configs.get(BASIC_AUTH_CREDENTIALS_SOURCE);
        Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
        if (source != null && !"USER_INFO".equals(source.toString())) {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "only USER_INFO is supported");
        }
        if (source != null && (userInfo == null || userInfo.toString().isBlank())) {
            throw new ConfigException(BASIC_AUTH_USER_INFO, null, "is required when "
                    + BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO");
        }
        return userInfo == null || userInfo.toString().isBlank() ? null : userInfo.toString();
    }

    static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "must be true or false");
    }
}
