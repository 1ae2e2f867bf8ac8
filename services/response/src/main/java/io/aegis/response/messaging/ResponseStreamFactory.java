package io.aegis.response.messaging;

import io.aegis.kafka.registry.HttpSchemaRegistryClient;
import io.aegis.kafka.registry.SchemaRegistryClient;
import io.aegis.kafka.serde.SerdeFactory;
import io.aegis.kafka.topic.Topics;
import io.aegis.response.config.ResponseProperties;
import io.aegis.response.domain.CaseWorkflow;
import io.aegis.response.topology.ResponseTopology;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Hands the Micronaut-configured stream builder ({@code kafka.streams.default.*}) to the pure
 * topology function, with the serdes of the schema registry at {@code aegis.registry.url}
 * (authenticated with {@code aegis.registry.username}/{@code .password} when set; registering schemas
 * only while {@code aegis.registry.auto-register} is true, the default).
 */
@Factory
public class ResponseStreamFactory {

    @Singleton
    @Requires(property = "aegis.registry.url")
    @Requires(missingBeans = SchemaRegistryClient.class)
    SchemaRegistryClient schemaRegistryClient(@Value("${aegis.registry.url}") String url,
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
    @Named("default")
    KStream<String, SpecificRecord> responseStream(@Named("default") ConfiguredStreamBuilder builder, SerdeFactory serdes,
                                                   CaseWorkflow workflow, ResponseProperties properties) {
        return ResponseTopology.build(builder, new ResponseTopology.Wiring(new Topics(serdes), serdes, workflow,
                properties.tick(), properties.partitions()));
    }
}
