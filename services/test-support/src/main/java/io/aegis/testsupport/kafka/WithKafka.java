package io.aegis.testsupport.kafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka cluster for its whole lifetime: in-process KRaft brokers by
 * default, or a Testcontainers Kafka container when {@link #container()} is set and a Docker
 * engine exists (the class is skipped, not failed, without Docker).
 *
 * <p>Inject {@link KafkaCluster} into {@code @BeforeAll}, test or constructor parameters. The
 * cluster is closed after every other after-all callback, so a Micronaut context started by the
 * test is always closed before its broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaClusterExtension.class)
public @interface WithKafka {

    /** Number of brokers: 1 (default) or 3 for replication and broker-loss tests. */
    int brokers() default 1;

    /** Whether producing to an unknown topic creates it (off to prove provisioning). */
    boolean autoCreateTopics() default true;

    /** Extra broker properties as {@code key=value} strings. */
    String[] brokerProperties() default {};

    /** Use a Testcontainers Kafka container instead of in-process brokers; skipped without Docker. */
    boolean container() default false;
}
