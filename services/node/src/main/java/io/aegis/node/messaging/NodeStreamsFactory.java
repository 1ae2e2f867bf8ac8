package io.aegis.node.messaging;

import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.config.NodeConfig;
import io.aegis.node.domain.SequenceClock;
import io.aegis.node.topology.NodeTopology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

import java.util.concurrent.atomic.AtomicLong;

/** Hands Micronaut's {@code default} stream builder to {@link NodeTopology#build}; nothing else. */
@Factory
public class NodeStreamsFactory {

    @Singleton
    @Named("default")
    KStream<String, ?> nodeTopology(@Named("default") ConfiguredStreamBuilder builder, Topics topics,
                                    SerdeFactory serdes, NodeConfig config, MeterRegistry meters) {
        AtomicLong inboxLag = new AtomicLong();
        Gauge.builder("aegis.node.inbox.lag", inboxLag, AtomicLong::get).baseUnit("milliseconds")
                .description("delay between the router sharing the latest inbox signal and this node storing it")
                .register(meters);
        NodeTopology.Settings settings = new NodeTopology.Settings(config.country(), config.agency(),
                new SequenceClock(System::currentTimeMillis), inboxLag::set, config.persistentStores());
        return NodeTopology.build(builder, topics, serdes, settings);
    }
}
