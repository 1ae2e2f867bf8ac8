package io.aegis.node.messaging;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;


/**
 * The node's registry client and typed topic catalogue (the producer lives in {@link AckedWriter}).
 */
@Factory
public class KafkaFactory {

    @Singleton
    @Requires(property = "aegis.registry.url")
    SchemaRegistryClient registryClient(@Value("${aegis.registry.url}") String url) {
        return new HttpSchemaRegistryClient(url);
    }

    @Singleton
    SerdeFactory serdeFactory(SchemaRegistryClient registry) {
        return new SerdeFactory(registry);
    }

    @Singleton
    Topics topics(SerdeFactory serdes) {
        return new Topics(serdes);
    }
}
