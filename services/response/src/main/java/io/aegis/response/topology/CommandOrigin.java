package io.aegis.response.topology;

import io.aegis.kafka.topic.TopicNames;
import io.aegis.schema.response.CaseCommand;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Stamps each command with the country of the commands topic it was read from, before the command
 * is repartitioned and that topic is no longer known. Topic ACLs make the topic the proof of the
 * sender's country; any header of the same name the sender set is replaced. An unknown topic
 * stamps an empty country, which the workflow refuses.
 */
final class CommandOrigin implements FixedKeyProcessor<String, CaseCommand, CaseCommand> {

    /** Header carrying the country of the commands topic, ISO 3166-1 alpha-2. */
    static final String TOPIC_COUNTRY_HEADER = "aegis.command.topic-country";

    private FixedKeyProcessorContext<String, CaseCommand> context;

    @Override
    public void init(FixedKeyProcessorContext<String, CaseCommand> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, CaseCommand> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        Matcher matcher = TopicNames.COMMANDS_PATTERN.matcher(topic);
        String country = matcher.matches() ? matcher.group(1) : "";
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().equals(TOPIC_COUNTRY_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(TOPIC_COUNTRY_HEADER, country.getBytes(StandardCharsets.UTF_8));
        context.forward(record.withHeaders(headers));
    }

    /** The stamped country of a command record, or "" when it has none. */
    static String topicCountry(Headers headers) {
        Header header = headers.lastHeader(TOPIC_COUNTRY_HEADER);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
