package io.aegis.kafka.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicPlanTest {

    /** The repository's own plan: the module runs with services/kafka-support as working directory. */
    static final Path INFRA_TOPICS = Path.of("..", "..", "infra", "topics.yaml");

    @Test
    void shouldPlanEveryTopicOfTheCatalogueInTheRepositoryFile() {
        TopicPlan plan = TopicPlan.load(INFRA_TOPICS);

        Set<String> names = plan.topicsFor(List.of("FR", "DE")).stream().map(TopicSpec::name)
                .collect(Collectors.toSet());

        assertTrue(names.containsAll(TopicNames.SHARED_TOPICS), names.toString());
        assertTrue(names.contains(TopicNames.SCHEMAS));
        assertTrue(names.containsAll(TopicNames.perCountry("FR")), names.toString());
        assertTrue(names.containsAll(TopicNames.perCountry("DE")), names.toString());
        assertTrue(names.contains("aegis-response-case-folds"), "the response service's own loop topic");
        assertEquals(TopicNames.SHARED_TOPICS.size() + 2 + 2 * TopicNames.perCountry("FR").size(), names.size());
    }

    @Test
    void shouldCompactStateTopicsAndKeepEvidenceForever() {
        Map<String, TopicSpec> specs = TopicPlan.load(INFRA_TOPICS).topicsFor(List.of("FR")).stream()
                .collect(Collectors.toMap(TopicSpec::name, s -> s));

        assertEquals("compact", specs.get(TopicNames.CASES).configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
        assertEquals("compact", specs.get(TopicNames.POLICIES).configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
        assertEquals("-1", specs.get(TopicNames.ROUTING_AUDIT).configs().get(TopicConfig.RETENTION_MS_CONFIG));
        assertEquals("-1", specs.get(TopicNames.CASE_EVENTS).configs().get(TopicConfig.RETENTION_MS_CONFIG));
        // a node's users' audit log: kept forever, never compacted away
        assertEquals("-1", specs.get(TopicNames.users("FR")).configs().get(TopicConfig.RETENTION_MS_CONFIG));
        assertEquals("delete", specs.get(TopicNames.users("FR")).configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
        assertEquals(1, specs.get(TopicNames.SCHEMAS).partitions());
        assertEquals((short) 3, specs.get(TopicNames.outbox("FR")).replicationFactor());
        assertEquals("2", specs.get(TopicNames.outbox("FR")).configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
    }

    @Test
    void shouldCapReplicationForASmallerCluster() {
        TopicSpec spec = new TopicSpec("t", 3, (short) 3, Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));

        TopicSpec single = spec.forCluster(1);
        TopicSpec pair = spec.forCluster(2);

        assertEquals((short) 1, single.replicationFactor());
        assertEquals("1", single.configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        assertEquals((short) 2, pair.replicationFactor());
        assertEquals("1", pair.configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        assertEquals(spec, spec.forCluster(5));
    }

    @Test
    void shouldNameTheEntryAndTheRuleOfABadSetting() {
        String yaml = """
                defaults: {partitions: 3, replicationFactor: 1}
                topics:
                  - name: a
                  - name: b
                    retention: 30 days
                """;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopicPlan.parse(new StringReader(yaml), "test.yaml"));

        assertEquals("test.yaml: topics[1].retention must be an ISO-8601 duration such as P30D or \"forever\", "
                + "got '30 days'", e.getMessage());
    }

    @Test
    void shouldRefuseUnknownSettingsAndMissingPartitions() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TopicPlan.parse(
                new StringReader("topics:\n  - {name: a, partitions: 1, replicationFactor: 1, retain: P1D}\n"), "t"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TopicPlan.parse(
                new StringReader("topics:\n  - {name: a, replicationFactor: 1}\n"), "t"));
        IllegalArgumentException template = assertThrows(IllegalArgumentException.class, () -> TopicPlan.parse(
                new StringReader("perCountry:\n  - {template: aegis.outbox, partitions: 1, replicationFactor: 1}\n"),
                "t"));

        assertTrue(unknown.getMessage().startsWith("t: topics[0].retain is not a known setting"), unknown.getMessage());
        assertEquals("t: topics[0].partitions is required (here or under defaults)", missing.getMessage());
        assertEquals("per-country template 'aegis.outbox' must contain {cc}", template.getMessage());
    }

    @Test
    void shouldRefuseAMemberCodeThatIsNotACountry() {
        TopicPlan plan = TopicPlan.load(INFRA_TOPICS);

        assertThrows(IllegalArgumentException.class, () -> plan.topicsFor(List.of("fr")));
    }
}
