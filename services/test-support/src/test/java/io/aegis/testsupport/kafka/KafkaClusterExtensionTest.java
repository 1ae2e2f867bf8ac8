package io.aegis.testsupport.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClusterExtensionTest {

    @Test
    void shouldParseBrokerPropertiesAsKeyValuePairs() {
        Map<String, String> parsed = KafkaClusterExtension.parse(new String[] {"a.b=1", " c = x=y "});
        assertEquals(Map.of("a.b", "1", "c", "x=y"), parsed);
    }

    @Test
    void shouldRefuseBrokerPropertyWithoutEquals() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClusterExtension.parse(new String[] {"broken"}));
        assertTrue(e.getMessage().contains("broken"));
    }

    @Test
    void shouldUseReplicationThreeAndMinIsrTwoForThreeBrokers() {
        Map<String, String> props = InProcessKafkaCluster.brokerDefaults(3, false);
        assertEquals("3", props.get("default.replication.factor"));
        assertEquals("2", props.get("min.insync.replicas"));
        assertEquals("2", props.get("transaction.state.log.min.isr"));
        assertEquals("false", props.get("auto.create.topics.enable"));
    }

    @Test
    void shouldRefuseBrokerCountsOtherThanOneOrThree() {
        assertThrows(IllegalArgumentException.class, () -> InProcessKafkaCluster.start(2, true, Map.of()));
    }
}
