package io.aegis.escalation.topology;

/**
 * A coordination signal that cannot be counted. Thrown from the validation step so that the
 * Kafka Streams processing exception handler ({@code io.aegis.kafka.dlq.DlqProcessingExceptionHandler})
 * sends the record's original bytes to {@code aegis.dlq} with this message as the reason.
 */
public class InvalidSignalException extends RuntimeException {

    public InvalidSignalException(String reason) {
        super(reason);
    }
}
