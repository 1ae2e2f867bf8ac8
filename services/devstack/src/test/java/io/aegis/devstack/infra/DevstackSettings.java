package io.aegis.devstack.infra;

import io.aegis.devstack.config.StackSettings;
import io.aegis.devstack.domain.DemoKeys;
import io.aegis.devstack.domain.StackSecrets;
import io.aegis.devstack.security.StackLogins;
import io.aegis.devstack.services.Rosters;
import io.aegis.devstack.services.ServiceCatalog;
import io.aegis.devstack.services.ServiceSpec;
import io.aegis.kafka.security.AclPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the devstack passes each service ({@link ServiceCatalog}), reduced to comparable setting
 * keys, so that the compose and Kubernetes tests can check that a deployment configures every
 * service with the same settings: keys are lower case with {@code .} for {@code -} and {@code _}
 * (as Micronaut reads environment variables), and the names of configured users are {@code *}.
 */
final class DevstackSettings {

    /** A setting of one user in a map whose keys are user names (the devstack's demo users differ from a deployment's). */
    private static final Pattern USER_SETTING = Pattern.compile(
            "^(aegis\\.registry\\.auth\\.users|aegis\\.router\\.api\\.users|aegis\\.node\\.users)"
                    + "\\.(.+)\\.(password\\.sha256|token\\.sha256|admin|write\\.subjects|roles|country|coordination)$");
    /** An officer's paging address: a deployment's officers differ from the devstack's demo roster. */
    private static final Pattern PAGING_ADDRESS = Pattern.compile("^(aegis\\.node\\.paging\\.addresses)\\..+$");
    private static final Pattern REGISTRY_USER = Pattern.compile("^aegis\\.registry\\.auth\\.users\\.(.+)\\.password-sha256$");

    private DevstackSettings() {
    }

    /** Each devstack service's configuration, by its name ({@code registry}, {@code router}, {@code node-FR}, ...). */
    static Map<String, Map<String, Object>> services(Path root) throws IOException {
        StackSettings settings = StackSettings.fromEnvironment(root, Map.of());
        AclPlan plan = AclPlan.load(InfraFiles.INFRA.resolve("acls.yaml"), settings.countries());
        StackSecrets secrets = StackSecrets.loadOrCreate(root.resolve("secrets.json"), settings.countries(),
                StackLogins.credentials(plan), new SecureRandom(), DemoKeys.none());
        ServiceCatalog catalog = new ServiceCatalog(settings, secrets, new StackLogins(settings, secrets),
                new Rosters(InfraFiles.INFRA.resolve("rosters"))::userId);
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        for (ServiceSpec spec : catalog.all()) {
            // the mailbox captures the devstack's mail; a deployment pages through the agency's own SMTP relay
            if (!spec.name().equals(ServiceCatalog.MAILBOX)) {
                services.put(spec.name(), spec.config());
            }
        }
        return services;
    }

    /** A setting key as Micronaut matches it, users' names made {@code *}. */
    static String normalize(String key) {
        String dotted = key.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
        Matcher m = USER_SETTING.matcher(dotted);
        if (m.matches()) {
            return m.group(1) + ".*." + m.group(3);
        }
        Matcher address = PAGING_ADDRESS.matcher(dotted);
        return address.matches() ? address.group(1) + ".*" : dotted;
    }

    static Set<String> normalized(Iterable<String> keys) {
        Set<String> result = new TreeSet<>();
        keys.forEach(key -> result.add(normalize(key)));
        return result;
    }

    /** Nested YAML maps as dotted keys (lists are values). */
    static Map<String, Object> flatten(Map<String, Object> yaml) {
        Map<String, Object> flat = new TreeMap<>();
        flatten("", yaml, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> flat) {
        map.forEach((key, value) -> {
            String dotted = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(dotted, (Map<String, Object>) nested, flat);
            } else {
                flat.put(dotted, value);
            }
        });
    }

    /** The registry users the devstack configures: name to (admin, write-subjects), passwords left out. */
    static Map<String, List<Object>> registryUsers(Map<String, Object> registryConfig) {
        Map<String, List<Object>> users = new TreeMap<>();
        registryConfig.keySet().forEach(k -> {
            Matcher m = REGISTRY_USER.matcher(k);
            if (m.matches()) {
                String prefix = "aegis.registry.auth.users." + m.group(1);
                users.put(m.group(1), List.of(Boolean.TRUE.equals(registryConfig.get(prefix + ".admin")),
                        String.valueOf(registryConfig.getOrDefault(prefix + ".write-subjects", List.of()))));
            }
        });
        return users;
    }
}
