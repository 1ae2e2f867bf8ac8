package io.aegis.replay.cli;

import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.replay.config.OperatorConfig;
import io.aegis.replay.messaging.HistoryLoader;
import io.aegis.replay.messaging.RecordSource;
import io.aegis.replay.messaging.KafkaAccess;
import io.aegis.replay.messaging.Namespace;
import io.aegis.replay.messaging.ProgressReporter;
import io.aegis.replay.messaging.RecordDecoder;
import io.aegis.replay.messaging.TopicRangeReader;
import io.aegis.policy.Members;
import io.aegis.replay.verify.MemberKeys;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything a command needs, built once from the operator configuration: Kafka access, the
 * registry, decoding, range reading with progress, the topic namespace, output streams and clock.
 */
public final class ReplayContext implements AutoCloseable {

    private final OperatorConfig config;
    private final KafkaAccess kafka;
    private final SchemaRegistryClient registry;
    private final ProgressReporter progress;
    private final Namespace namespace;
    private final PrintStream out;
    private final Clock clock;
    private TopicRangeReader reader;

    public ReplayContext(OperatorConfig config, SchemaRegistryClient registry, ProgressReporter progress,
                         Namespace namespace, PrintStream out, Clock clock) {
        this.config = config;
        this.kafka = new KafkaAccess(config.clientProperties());
        this.registry = registry;
        this.progress = progress;
        this.namespace = namespace;
        this.out = out;
        this.clock = clock;
    }

    public OperatorConfig config() {
        return config;
    }

    public KafkaAccess kafka() {
        return kafka;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public ProgressReporter progress() {
        return progress;
    }

    public Namespace namespace() {
        return namespace;
    }

    public PrintStream out() {
        return out;
    }

    public Clock clock() {
        return clock;
    }

    /** The reader of this run; it keeps one consumer for all the topics it reads. */
    public TopicRangeReader reader() {
        if (reader == null) {
            reader = new TopicRangeReader(kafka, progress);
        }
        return reader;
    }

    public RecordDecoder decoder() {
        return new RecordDecoder(registry::getSchemaById);
    }

    public HistoryLoader historyLoader() {
        return new HistoryLoader(RecordSource.kafka(kafka, reader()), decoder(), namespace);
    }

    /** The member list, when a members file is configured and present. */
    public Optional<Members> members() {
        return config.members().filter(Files::isReadable).map(MemberKeys::members);
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        kafka.close();
    }
}
