package io.aegis.kafka.dlq;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Streams configuration of the DLQ handlers: which service name goes into
 * {@link DlqHeaders#SERVICE}, and how to install both handlers in one call.
 */
public final class DlqHandlerConfig {

    /** Optional: service name written on DLQ records; defaults to {@code application.id}. */
    public static final String SERVICE_CONFIG = "aegis.dlq.service";

    private DlqHandlerConfig() {
    }

    /**
     * Installs {@link DlqDeserializationExceptionHandler} and {@link DlqProcessingExceptionHandler}
     * into Kafka Streams properties.
     */
    public static void install(Map<String, Object> streamsProperties) {
        streamsProperties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DlqDeserializationExceptionHandler.class.getName());
        streamsProperties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DlqProcessingExceptionHandler.class.getName());
    }

    /** The same for {@link Properties}-based Streams configuration. */
    public static void install(Properties streamsProperties) {
        streamsProperties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DlqDeserializationExceptionHandler.class.getName());
        streamsProperties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DlqProcessingExceptionHandler.class.getName());
    }

    static String service(Map<String, ?> configs) {
        Object explicit = configs.get(SERVICE_CONFIG);
        if (explicit != null && !explicit.toString().isBlank()) {
            return explicit.toString();
        }
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (applicationId == null || applicationId.toString().isBlank()) {
            throw new IllegalArgumentException(SERVICE_CONFIG + " or " + StreamsConfig.APPLICATION_ID_CONFIG
                    + " must be set so DLQ records name the rejecting service");
        }
        return applicationId.toString();
    }
}
