package io.aegis.kafka.serde;

/** Confluent's TopicNameStrategy: the subject of a topic's keys or values. */
public final class SubjectNames {

    private SubjectNames() {
    }

    /** {@code <topic>-key} or {@code <topic>-value}. */
    public static String topicName(String topic, boolean isKey) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank to derive a subject name");
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
