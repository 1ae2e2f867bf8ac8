package io.aegis.devstack.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class DemoPoliciesTest {

    private static final List<String> COUNTRIES = List.of("FR", "DE", "JP", "BR", "KE");

    @Test
    void shouldLetTheReportersTrustEachOtherAndTheOthersEachOther() {
        assertEquals(List.of("FR", "JP"), DemoPolicies.trusted("DE", COUNTRIES));
        assertEquals(List.of("KE"), DemoPolicies.trusted("BR", COUNTRIES));
        assertEquals(List.of(), DemoPolicies.trusted("BR", List.of("FR", "DE", "JP", "BR")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldWriteAPolicyInTheContractShape() {
        // when
        Map<String, Object> policy = new Yaml().load(DemoPolicies.yaml("DE", COUNTRIES));

        // then: ARCHITECTURE.md "Sharing policy" fields, AMBER only to the trusted group
        assertEquals("DE", policy.get("country"));
        assertEquals(Map.of("trusted", List.of("FR", "JP")), policy.get("groups"));
        List<Map<String, Object>> rules = (List<Map<String, Object>>) policy.get("rules");
        assertEquals(List.of("share-green", "amber-to-trusted", "strip-personal-data"),
                rules.stream().map(r -> r.get("id")).toList());
        assertEquals(List.of("group:trusted"), rules.get(1).get("to"));
        assertEquals(List.of("AMBER", "AMBER+STRICT", "RED"), rules.get(1).get("tlp"));
        assertEquals(List.of("indicators[type=EMAIL]"), rules.get(2).get("fields"));
        assertEquals("HASHED", policy.get("coordination"));
        assertEquals("COUNTRY", policy.get("attribution"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShareOnlyGreenWhenACountryTrustsNobody() {
        Map<String, Object> policy = new Yaml().load(DemoPolicies.yaml("BR", List.of("FR", "DE", "JP", "BR")));
        List<Map<String, Object>> rules = (List<Map<String, Object>>) policy.get("rules");
        assertEquals(List.of("share-green"), rules.stream().map(r -> r.get("id")).toList());
    }
}
