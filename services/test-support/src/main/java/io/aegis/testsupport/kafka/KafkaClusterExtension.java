package io.aegis.testsupport.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the cluster described by {@link WithKafka} once per test class and resolves
 * {@link KafkaCluster} parameters. The cluster lives in the class's extension store, which JUnit
 * closes after all after-all callbacks (so after a Micronaut context the test closed).
 */
public final class KafkaClusterExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaClusterExtension.class);
    private static final String KEY = "cluster";

    @Override
    public void beforeAll(ExtensionContext context) {
        WithKafka spec = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithKafka.class)
                .orElseThrow(() -> new IllegalStateException("KafkaClusterExtension needs @WithKafka on the test class"));
        if (spec.container()) {
            Assumptions.assumeTrue(ContainerKafkaCluster.dockerAvailable(),
                    "no Docker engine: Testcontainers Kafka cannot start, test skipped");
        }
        context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> new Holder(start(spec)), Holder.class);
    }

    private static KafkaCluster start(WithKafka spec) {
        if (spec.container()) {
            return ContainerKafkaCluster.start();
        }
        return InProcessKafkaCluster.start(spec.brokers(), spec.autoCreateTopics(), parse(spec.brokerProperties()));
    }

    static Map<String, String> parse(String[] properties) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String property : properties) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("broker property must be key=value: '" + property + "'");
            }
            parsed.put(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
        }
        return parsed;
    }

    /** The cluster of the running test class, for code that cannot take a parameter. */
    public static KafkaCluster cluster(ExtensionContext context) {
        Holder holder = context.getStore(NAMESPACE).get(KEY, Holder.class);
        if (holder == null) {
            throw new IllegalStateException("no Kafka cluster: annotate the test class with @WithKafka");
        }
        return holder.cluster;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return cluster(extensionContext);
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    private record Holder(KafkaCluster cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
