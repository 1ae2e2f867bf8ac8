package io.aegis.kafka.dlq;

/**
 * Header names of a record on {@code aegis.dlq}. Values are UTF-8 text (numbers in decimal) so
 * that any tool or language can read them.
 */
public final class DlqHeaders {

    /** Why the record was rejected, in words naming the check or field that failed. */
    public static final String REASON = "aegis.dlq.reason";
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "aegis.dlq.source.topic";
    /** Partition the record was read from. */
    public static final String SOURCE_PARTITION = "aegis.dlq.source.partition";
    /** Offset of the record in its source partition. */
    public static final String SOURCE_OFFSET = "aegis.dlq.source.offset";
    /** Service (application id) that rejected it. */
    public static final String SERVICE = "aegis.dlq.service";
    /** Class name of the exception that rejected it, when there was one. */
    public static final String EXCEPTION = "aegis.dlq.exception";

    private DlqHeaders() {
    }
}
