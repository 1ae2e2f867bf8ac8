package io.aegis.node.messaging;

/** Kafka did not acknowledge a write in time: answered with 503, and nothing is claimed. */
public final class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String topic, Throwable cause) {
        super("Kafka did not acknowledge the write to " + topic + " in time: " + cause.getMessage(), cause);
    }
}
