package io.aegis.replay.config;

import io.aegis.kafka.security.KafkaSecurityConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.kafka.registry.RegistryCredentials;
import io.aegis.replay.ReplayException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Builds an {@link OperatorConfig} from, in rising precedence: the embedded devstack's
 * {@code var/devstack.json} (when present: {@code broker}, {@code registry}, and the operator's registry
 * credentials {@code operator.registry} and its Kafka login {@code operator.kafka}), a config file (YAML or
 * properties), the environment, and command-line overrides. Environment names follow the usual
 * upper-case form: {@code KAFKA_BOOTSTRAP_SERVERS} → {@code kafka.bootstrap.servers},
 * {@code AEGIS_REGISTRY_URL} → {@code aegis.registry.url}, {@code AEGIS_REGISTRY_USERNAME} and
 * {@code AEGIS_REGISTRY_PASSWORD} → {@code aegis.registry.username} and {@code .password},
 * {@code AEGIS_MEMBERS_FILE} → {@code aegis.members-file}.
 */
public final class ConfigLoader {

    /** Environment variable naming the config file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "AEGIS_CONFIG";

    private static final Map<String, String> AEGIS_ENV = Map.of(
            "AEGIS_REGISTRY_URL", OperatorConfig.REGISTRY_URL,
            "AEGIS_REGISTRY_USERNAME", OperatorConfig.REGISTRY_USERNAME,
            "AEGIS_REGISTRY_PASSWORD", OperatorConfig.REGISTRY_PASSWORD,
            "AEGIS_MEMBERS_FILE", OperatorConfig.MEMBERS_FILE,
            "AEGIS_INFRA_DIR", OperatorConfig.INFRA_DIR,
            "AEGIS_OPERATOR_COUNTRY", OperatorConfig.OPERATOR_COUNTRY);

    private final Map<String, String> environment;
    private final Path workingDir;

    public ConfigLoader(Map<String, String> environment, Path workingDir) {
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
    }

    /** Loads the configuration; {@code configFile} may be null, {@code overrides} use the dotted keys. */
    public OperatorConfig load(Path configFile, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(devstackDefaults());
        Path file = configFile != null ? configFile
                : environment.containsKey(CONFIG_ENV) ? Path.of(environment.get(CONFIG_ENV)) : null;
        if (file != null) {
            settings.putAll(readFile(file));
        }
        settings.putAll(fromEnvironment());
        overrides.forEach((key, value) -> {
            if (value != null) {
                settings.put(key, value);
            }
        });
        return toConfig(settings);
    }

    private OperatorConfig toConfig(Map<String, String> settings) {
        Map<String, Object> kafka = new HashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(OperatorConfig.KAFKA_PREFIX)) {
                kafka.put(key.substring(OperatorConfig.KAFKA_PREFIX.length()), value);
            }
        });
        String members = settings.get(OperatorConfig.MEMBERS_FILE);
        if (members == null && settings.containsKey(OperatorConfig.INFRA_DIR)) {
            members = Path.of(settings.get(OperatorConfig.INFRA_DIR), "members.yaml").toString();
        }
        if (members == null && Files.exists(workingDir.resolve("infra/members.yaml"))) {
            members = workingDir.resolve("infra/members.yaml").toString();
        }
        return new OperatorConfig(kafka, settings.get(OperatorConfig.REGISTRY_URL), credentials(settings),
                members == null ? null : Path.of(members), settings.get(OperatorConfig.OPERATOR_COUNTRY));
    }

    private static RegistryCredentials credentials(Map<String, String> settings) {
        try {
            return RegistryCredentials.of(settings.get(OperatorConfig.REGISTRY_USERNAME),
                    settings.get(OperatorConfig.REGISTRY_PASSWORD)).orElse(null);
        } catch (IllegalArgumentException e) {
            throw ReplayException.usage(e.getMessage() + " (give them in the config file, or as AEGIS_REGISTRY_USERNAME"
                    + " and AEGIS_REGISTRY_PASSWORD)");
        }
    }

    private Map<String, String> fromEnvironment() {
        Map<String, String> settings = new HashMap<>();
        environment.forEach((name, value) -> {
            if (AEGIS_ENV.containsKey(name)) {
                settings.put(AEGIS_ENV.get(name), value);
            } else if (name.startsWith("KAFKA_") && name.length() > "KAFKA_".length()) {
                settings.put(name.toLowerCase().replace('_', '.'), value);
            }
        });
        return settings;
    }

    private Map<String, String> devstackDefaults() {
        Path devstack = workingDir.resolve("var/devstack.json");
        if (!Files.isReadable(devstack)) {
            return Map.of();
        }
        try {
            JsonNode node = new ObjectMapper().readTree(devstack.toFile());
            Map<String, String> settings = new HashMap<>();
            if (node.hasNonNull("broker")) {
                settings.put("kafka.bootstrap.servers", node.get("broker").asText());
            }
            if (node.hasNonNull("registry")) {
                settings.put(OperatorConfig.REGISTRY_URL, node.get("registry").asText());
            }
            // the secured devstack: log in as its operator principal (docs/running.md, "Credentials")
            JsonNode login = node.path("operator").path("kafka");
            JsonNode security = node.path("kafkaSecurity");
            if (login.hasNonNull("principal") && security.hasNonNull("protocol")) {
                KafkaSecurityConfig.fromMap(Map.of("protocol", security.get("protocol").asText(),
                                "sasl.mechanism", security.path("mechanism").asText(),
                                "sasl.username", login.get("principal").asText(), "sasl.password", login.path("password").asText()))
                        .toProperties().forEach((key, value) -> settings.put("kafka." + key, String.valueOf(value)));
            }
            JsonNode registryLogin = node.path("operator").path("registry");
            if (registryLogin.hasNonNull("username") && registryLogin.hasNonNull("password")) {
                settings.put(OperatorConfig.REGISTRY_USERNAME, registryLogin.get("username").asText());
                settings.put(OperatorConfig.REGISTRY_PASSWORD, registryLogin.get("password").asText());
            }
            return settings;
        } catch (IOException e) {
            throw ReplayException.usage(devstack + ": not readable JSON (" + e.getMessage() + ")");
        }
    }

    static Map<String, String> readFile(Path file) {
        if (!Files.isReadable(file)) {
            throw ReplayException.usage("--config: " + file + " does not exist or is not readable");
        }
        String name = file.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(file)) {
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
                Map<String, String> flat = new HashMap<>();
                flatten("", root, flat);
                return flat;
            }
            Properties properties = new Properties();
            properties.load(reader);
            Map<String, String> flat = new HashMap<>();
            properties.stringPropertyNames().forEach(key -> flat.put(key, properties.getProperty(key)));
            return flat;
        } catch (IOException | RuntimeException e) {
            throw ReplayException.usage("--config: " + file + " is not valid YAML or properties (" + e.getMessage() + ")");
        }
    }

    private static void flatten(String prefix, Object node, Map<String, String> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, flat));
        } else if (node != null) {
            flat.put(prefix, node.toString());
        }
    }
}
