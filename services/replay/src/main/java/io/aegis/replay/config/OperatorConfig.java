package io.aegis.replay.config;

import io.aegis.kafka.registry.RegistryCredentials;
import io.aegis.replay.ReplayException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator's connection settings, validated once: Kafka client properties (everything under
 * {@code kafka.*}), the schema registry URL and optional credentials, the members file holding
 * origin public keys, and the operator's own country (the only inbox it may read unless the
 * deployment grants more). The registry password never appears in {@link #toString()}.
 *
 * @param kafka               Kafka client properties without the {@code kafka.} prefix
 * @param registryUrl         {@code aegis.registry.url}
 * @param registryCredentials {@code aegis.registry.username} and {@code aegis.registry.password}, may be null
 *                            (a registry without authentication)
 * @param membersFile         {@code aegis.members-file}, may be null (signatures then cannot be checked)
 * @param operatorCountry     {@code aegis.operator.country}, may be null
 */
public record OperatorConfig(Map<String, Object> kafka, String registryUrl, RegistryCredentials registryCredentials,
                             Path membersFile, String operatorCountry) {

    public static final String REGISTRY_URL = "aegis.registry.url";
    public static final String REGISTRY_USERNAME = RegistryCredentials.USERNAME_KEY;
    public static final String REGISTRY_PASSWORD = RegistryCredentials.PASSWORD_KEY;
    public static final String MEMBERS_FILE = "aegis.members-file";
    public static final String INFRA_DIR = "aegis.infra.dir";
    public static final String OPERATOR_COUNTRY = "aegis.operator.country";
    public static final String KAFKA_PREFIX = "kafka.";

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public OperatorConfig {
        kafka = Map.copyOf(kafka);
        if (!kafka.containsKey("bootstrap.servers")) {
            throw ReplayException.usage("kafka.bootstrap.servers: not set; give it in the config file (--config),"
                    + " as KAFKA_BOOTSTRAP_SERVERS, or with --bootstrap-servers");
        }
        if (registryUrl == null || registryUrl.isBlank()) {
            throw ReplayException.usage(REGISTRY_URL + ": not set; give it in the config file, as AEGIS_REGISTRY_URL,"
                    + " or with --registry-url");
        }
        if (!registryUrl.startsWith("http://") && !registryUrl.startsWith("https://")) {
            throw ReplayException.usage(REGISTRY_URL + ": '" + registryUrl + "' must be an http(s) URL");
        }
        if (operatorCountry != null && !COUNTRY.matcher(operatorCountry).matches()) {
            throw ReplayException.usage(OPERATOR_COUNTRY + ": '" + operatorCountry
                    + "' must be an ISO 3166-1 alpha-2 code such as FR");
        }
    }

    /** Kafka client properties as the client constructors take them. */
    public Map<String, Object> clientProperties() {
        return kafka;
    }

    public Optional<Path> members() {
        return Optional.ofNullable(membersFile);
    }

    public Optional<RegistryCredentials> registry() {
        return Optional.ofNullable(registryCredentials);
    }

    @Override
    public String toString() {
        return "OperatorConfig[kafka=" + kafka.keySet() + ", registryUrl=" + registryUrl + ", registryCredentials="
                + registryCredentials + ", membersFile=" + membersFile + ", operatorCountry=" + operatorCountry + "]";
    }
}
