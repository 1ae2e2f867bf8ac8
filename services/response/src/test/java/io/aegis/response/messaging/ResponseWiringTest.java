package io.aegis.response.messaging;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.response.config.InvalidConfigException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up wiring without a broker (Kafka Streams switched off): configuration is checked first. */
class ResponseWiringTest {

    @TempDir
    Path emptyInfra;

    @Test
    void shouldRefuseToStartWithoutItsRulesAndRosters() {
        // the workflow is built eagerly so a broken installation fails at start-up, naming the file
        BeanInstantiationException error = assertThrows(BeanInstantiationException.class, () -> ApplicationContext.run(Map.of(
                "kafka.streams.enabled", "false",
                "aegis.infra.dir", emptyInfra.toString())));

        Throwable cause = error;
        while (cause != null && !(cause instanceof InvalidConfigException)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof InvalidConfigException, String.valueOf(error));
        assertTrue(cause.getMessage().contains(emptyInfra.resolve("response.yaml").toString()), cause.getMessage());
    }
}
