package io.aegis.devstack.infra;

import io.aegis.kafka.security.AclPlan;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the repository's infra/ files for the tests that check they agree with each other. */
final class InfraFiles {

    /** The repository's infra/ directory (tests run in services/devstack). */
    static final Path INFRA = Path.of("../../infra").toAbsolutePath().normalize();

    private InfraFiles() {
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        List<Map<String, Object>> docs = documents(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " holds " + docs.size() + " documents, expected 1");
        }
        return docs.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (doc != null) {
                    docs.add((Map<String, Object>) doc);
                }
            }
            return docs;
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError("missing " + String.join(".", path) + " (at " + key + ")");
            }
            current = map.get(key);
        }
        return (T) current;
    }

    /** Member codes of infra/members.yaml. */
    static List<String> members() throws IOException {
        List<Map<String, Object>> members = at(yaml(INFRA.resolve("members.yaml")), "members");
        return members.stream().map(m -> String.valueOf(m.get("code"))).toList();
    }

    /** Every principal of infra/acls.yaml with its grants, per-country entries expanded (read independently of AclPlan). */
    static Map<String, List<Map<String, Object>>> aclPrincipals() throws IOException {
        Map<String, Object> acls = yaml(INFRA.resolve("acls.yaml"));
        Map<String, List<Map<String, Object>>> result = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> perCountry = at(acls, "perCountry");
        for (String cc : members()) {
            for (Map<String, Object> entry : perCountry) {
                List<Map<String, Object>> grants = new ArrayList<>();
                for (Map<String, Object> grant : InfraFiles.<List<Map<String, Object>>>at(entry, "grants")) {
                    Map<String, Object> expanded = new java.util.LinkedHashMap<>(grant);
                    expanded.put("name", String.valueOf(grant.get("name")).replace("{cc}", cc));
                    grants.add(expanded);
                }
                result.put(String.valueOf(entry.get("principal")).replace("{cc}", cc), grants);
            }
        }
        for (Map<String, Object> entry : InfraFiles.<List<Map<String, Object>>>at(acls, "principals")) {
            result.put(String.valueOf(entry.get("principal")), at(entry, "grants"));
        }
        return result;
    }
}
