package io.aegis.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code members.yaml}: a {@code members} list (code, name, region, keyId, publicKey)
 * and optional network-wide {@code groups}. Rejects a malformed file with the field at fault.
 */
public final class MembersYaml {

    private MembersYaml() {
    }

    public static Members load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new PolicyValidationException("members-file", "cannot read " + file + ": " + e.getMessage());
        }
    }

    public static Members parse(String yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> doc)) {
            throw new PolicyValidationException("$", "members file must be a mapping with 'members' and 'groups'");
        }
        if (!(doc.get("members") instanceof List<?> rawMembers) || rawMembers.isEmpty()) {
            throw new PolicyValidationException("members", "must be a non-empty list");
        }
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < rawMembers.size(); i++) {
            if (!(rawMembers.get(i) instanceof Map<?, ?> m)) {
                throw new PolicyValidationException("members[" + i + "]", "must be a mapping");
            }
            members.add(new Member(
                    required(m, "code", i), text(m, "name"), text(m, "region"), text(m, "keyId"), required(m, "publicKey", i)));
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Object rawGroups = doc.get("groups");
        if (rawGroups instanceof Map<?, ?> g) {
            g.forEach((name, countries) -> groups.put(String.valueOf(name), strings("groups." + name, countries)));
        } else if (rawGroups != null) {
            throw new PolicyValidationException("groups", "must be a mapping of group name to a list of countries");
        }
        return new Members(members, groups);
    }

    private static String required(Map<?, ?> m, String key, int index) {
        String value = text(m, key);
        if (value == null || value.isBlank()) {
            throw new PolicyValidationException("members[" + index + "]." + key, "is required");
        }
        return value;
    }

    private static String text(Map<?, ?> m, String key) {
        Object value = m.get(key);
        return value == null ? null : String.valueOf(value);
    }

    static List<String> strings(String field, Object value) {
        if (!(value instanceof List<?> list)) {
            throw new PolicyValidationException(field, "must be a list of strings");
        }
        List<String> result = new ArrayList<>();
        list.forEach(item -> result.add(String.valueOf(item)));
        return result;
    }
}
