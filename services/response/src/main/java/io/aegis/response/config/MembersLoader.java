package io.aegis.response.config;

import io.aegis.kafka.topic.TopicNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the member country codes from {@code infra/members.yaml}
 * ({@code members: [{code, name, region, keyId, publicKey}]}); only {@code code} matters here,
 * the other fields belong to the router and nodes. Codes must be ISO 3166-1 alpha-2 and unique.
 */
public final class MembersLoader {

    private MembersLoader() {
    }

    public static List<String> load(Path file) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> root = YamlReader.load(file, problems);
        if (root == null) {
            throw new InvalidConfigException(problems);
        }
        YamlReader yaml = new YamlReader(file.toString(), problems);
        List<Object> members = yaml.list(root.get("members"), "members");
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0; members != null && i < members.size(); i++) {
            Map<String, Object> member = yaml.map(members.get(i), "members[" + i + "]");
            String code = member == null ? null : yaml.string(member, "code", "members[" + i + "]");
            if (code != null && !TopicNames.isCountryCode(code)) {
                yaml.problem("members[" + i + "].code", "must be an ISO 3166-1 alpha-2 code (two upper-case letters), got '"
                        + code + "'");
            } else if (code != null && !codes.add(code)) {
                yaml.problem("members[" + i + "].code", "member " + code + " is listed twice");
            }
        }
        if (members != null && members.isEmpty()) {
            yaml.problem("members", "must list at least one member");
        }
        yaml.throwIfProblems();
        return List.copyOf(codes);
    }
}
