package io.aegis.registry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aegis.kafka.topic.TopicNames;
import org.junit.jupiter.api.Test;

class RegistryConfigurationTest {

    @Test
    void shouldDefaultToTheStoreTopicNamedInTheTopicCatalogue() {
        // the registry keeps its runtime free of kafka-support (and Kafka Streams); this pins the name
        assertEquals(TopicNames.SCHEMAS, RegistryConfiguration.DEFAULT_TOPIC);
    }
}
