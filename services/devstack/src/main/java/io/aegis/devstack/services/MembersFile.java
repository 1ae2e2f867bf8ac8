package io.aegis.devstack.services;

import io.aegis.devstack.domain.StackSecrets;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The members file of the devstack network: exactly the countries that run a demo node, each
 * with the public key of the signing key the devstack generated for it. Names, regions and
 * groups come from {@code infra/members.yaml} when it lists the country; groups keep only
 * devstack members, so a policy naming a group never points at a member without a node.
 */
public final class MembersFile {

    private static final Map<String, String[]> KNOWN = Map.of(
            "FR", new String[] {"France", "Europe"}, "DE", new String[] {"Germany", "Europe"},
            "JP", new String[] {"Japan", "Asia-Pacific"}, "BR", new String[] {"Brazil", "Americas"},
            "KE", new String[] {"Kenya", "Africa"});

    private MembersFile() {
    }

    /** The members document for {@code countries}, using {@code infra} (may be empty) for names and groups. */
    public static Map<String, Object> build(List<String> countries, StackSecrets secrets, Map<String, Object> infra) {
        Map<String, Map<?, ?>> listed = new LinkedHashMap<>();
        if (infra.get("members") instanceof List<?> members) {
            for (Object member : members) {
                if (member instanceof Map<?, ?> m && m.get("code") != null) {
                    listed.put(String.valueOf(m.get("code")), m);
                }
            }
        }
        List<Map<String, Object>> members = new ArrayList<>();
        for (String country : countries) {
            Map<?, ?> known = listed.getOrDefault(country, Map.of());
            String[] fallback = KNOWN.getOrDefault(country, new String[] {country, "Unspecified"});
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("code", country);
            member.put("name", known.get("name") == null ? fallback[0] : String.valueOf(known.get("name")));
            member.put("region", known.get("region") == null ? fallback[1] : String.valueOf(known.get("region")));
            member.put("keyId", "default");
            member.put("publicKey", secrets.node(country).publicKey());
            members.add(member);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("members", members);
        document.put("groups", groups(countries, infra.get("groups")));
        return document;
    }

    private static Map<String, List<String>> groups(List<String> countries, Object raw) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (value instanceof List<?> list) {
                    List<String> kept = list.stream().map(String::valueOf).filter(countries::contains).toList();
                    if (!kept.isEmpty()) {
                        groups.put(String.valueOf(name), kept);
                    }
                }
            });
        }
        return groups;
    }

    /** Member code to public key, for the members of a members document that list one. */
    public static Map<String, String> publicKeys(Map<String, Object> document) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (document.get("members") instanceof List<?> members) {
            for (Object member : members) {
                if (member instanceof Map<?, ?> m && m.get("code") != null && m.get("publicKey") != null) {
                    keys.put(String.valueOf(m.get("code")), String.valueOf(m.get("publicKey")));
                }
            }
        }
        return keys;
    }

    /** Reads a YAML mapping, or an empty one when the file does not exist. */
    public static Map<String, Object> readYaml(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new IOException(file + " must hold a YAML mapping");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
            return result;
        }
    }

    /** Writes the members document as YAML. */
    public static void write(Path file, Map<String, Object> document) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# Generated by ./aegis up from infra/members.yaml and the devstack's keys.\n"
                + new Yaml(options).dump(document));
    }
}
