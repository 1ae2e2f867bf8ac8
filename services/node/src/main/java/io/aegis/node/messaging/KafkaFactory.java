package io.aegis.node.messaging;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;


/**
 * The node's registry client and typed topic catalogue (the producer lives in {@link AckedWriter}).
 * The client authenticates with {@code aegis.registry.username}/{@code aegis.registry.password} when
 * set; the serdes register their schemas only while {@code aegis.registry.auto-register} is true
 * (the default; a production deployment registers them up front and sets it to false).
 */
@Factory
public class KafkaFactory {

    @Singleton
    @Requires(property = "aegis.registry.url")
    SchemaRegistryClient registryClient(@Value("${aegis.registry.url}") String url,
                                        @Nullable @Property(name = "aegis.registry.username") String username,
                                        @Nullable @Property(name = "aegis.registry.password") String password) {
        return HttpSchemaRegistryClient.create(url, username, password);
    }

    @Singleton
    SerdeFactory serdeFactory(SchemaRegistryClient registry,
                              @Value("${aegis.registry.auto-register:true}") boolean autoRegister) {
        return new SerdeFactory(registry, autoRegister);
    }

    @Singleton
    Topics topics(SerdeFactory serdes) {
        return new Topics(serdes);
    }
}
