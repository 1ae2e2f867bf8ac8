package io.aegis.devstack.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.devstack.domain.StackSecrets;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MembersFileTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void shouldListExactlyTheDevstackCountriesWithTheirGeneratedKeys() throws IOException {
        // given an infra file naming more members and a group reaching beyond the devstack
        StackSecrets secrets = StackSecrets.loadOrCreate(dir.resolve("s.json"), List.of("FR", "KE"), new SecureRandom());
        Map<String, Object> infra = Map.of(
                "members", List.of(Map.of("code", "FR", "name", "République française", "region", "EU",
                        "publicKey", "infra-key"), Map.of("code", "US", "name", "United States", "publicKey", "k")),
                "groups", Map.of("g7", List.of("FR", "US"), "americas", List.of("US")));

        // when
        Map<String, Object> doc = MembersFile.build(List.of("FR", "KE"), secrets, infra);
        MembersFile.write(dir.resolve("members.yaml"), doc);

        // then
        List<Map<String, Object>> members = (List<Map<String, Object>>) doc.get("members");
        assertEquals(List.of("FR", "KE"), members.stream().map(m -> m.get("code")).toList());
        assertEquals("République française", members.get(0).get("name"));
        assertEquals(secrets.node("FR").publicKey(), members.get(0).get("publicKey"));
        assertEquals("Kenya", members.get(1).get("name"));
        assertEquals("Africa", members.get(1).get("region"));
        assertEquals(Map.of("g7", List.of("FR")), doc.get("groups"));
        assertEquals(doc, MembersFile.readYaml(dir.resolve("members.yaml")));
    }
}
