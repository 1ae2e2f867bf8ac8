package io.aegis.registry.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class StoreSettingsTest {

    private static final Map<String, Object> KAFKA = Map.of("bootstrap.servers", "localhost:9092",
            "acks", "1", "enable.idempotence", "false", "group.id", "someone-else", "security.protocol", "SSL");

    @Test
    void shouldAlwaysProduceWithAcksAllAndIdempotenceWhateverTheClientConfigSays() {
        Map<String, Object> producer = settings(Duration.ofSeconds(5), Optional.empty()).producerProperties();

        assertEquals("all", producer.get("acks"));
        assertEquals(true, producer.get("enable.idempotence"));
        assertEquals(5_000L, producer.get("max.block.ms"));
        assertEquals("SSL", producer.get("security.protocol"), "security settings are passed on");
    }

    @Test
    void shouldReadWithoutAConsumerGroupFromTheBeginning() {
        Map<String, Object> consumer = settings(Duration.ofSeconds(5), Optional.empty()).consumerProperties();

        assertFalse(consumer.containsKey("group.id"), "every instance reads the whole topic itself");
        assertEquals("earliest", consumer.get("auto.offset.reset"));
        assertEquals(false, consumer.get("enable.auto.commit"));
        assertEquals("SSL", consumer.get("security.protocol"));
    }

    @Test
    void shouldNameTheSettingThatIsWrong() {
        assertMessage("kafka.bootstrap.servers", () -> new StoreSettings("_schemas", Map.of(), Duration.ofSeconds(1), Optional.empty()));
        assertMessage("aegis.registry.topic", () -> new StoreSettings(" ", KAFKA, Duration.ofSeconds(1), Optional.empty()));
        assertMessage("aegis.registry.timeout", () -> settings(Duration.ZERO, Optional.empty()));
        assertMessage("aegis.registry.replication-factor", () -> settings(Duration.ofSeconds(1), Optional.of((short) 0)));
    }

    private static StoreSettings settings(Duration timeout, Optional<Short> replicationFactor) {
        return new StoreSettings("_schemas", KAFKA, timeout, replicationFactor);
    }

    private static void assertMessage(String key, Executable executable) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(error.getMessage().contains(key), error.getMessage());
    }
}
