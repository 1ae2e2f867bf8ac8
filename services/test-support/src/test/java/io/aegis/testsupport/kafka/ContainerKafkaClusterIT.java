package io.aegis.testsupport.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs only where a Docker engine exists; elsewhere the class is skipped by an assumption. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@WithKafka(container = true)
class ContainerKafkaClusterIT {

    @Test
    void shouldCreateTopicsOnTheContainerBroker(KafkaCluster kafka) {
        kafka.createTopic("it.container", 1, 1);
        assertTrue(kafka.topicNames().contains("it.container"));
    }
}
