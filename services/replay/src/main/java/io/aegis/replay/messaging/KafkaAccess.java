package io.aegis.replay.messaging;

import io.aegis.replay.ReplayException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The CLI's only door to the cluster: builds byte-level clients from the operator's connection
 * settings and turns broker errors into {@link ReplayException}s that name the topic and the
 * missing permission. Consumers never join a group and never commit, so a replay leaves no
 * trace on live consumer groups.
 */
public final class KafkaAccess implements AutoCloseable {

    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final Map<String, Object> clientProperties;
    private Admin admin;

    /** @param clientProperties Kafka client properties ({@code bootstrap.servers}, security settings) */
    public KafkaAccess(Map<String, Object> clientProperties) {
        if (!clientProperties.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw ReplayException.usage("kafka.bootstrap.servers: not set (config file, KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers)");
        }
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** The partitions of {@code topic}, in partition order; fails clearly if it is missing or not readable. */
    public List<TopicPartition> partitionsOf(String topic) {
        TopicDescription description = describe(topic);
        return description.partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    /** What this principal finds when it asks for a topic it does not see in its topic list. */
    public enum Visibility {
        /** The topic exists and may be described. */
        VISIBLE,
        /** The broker says the topic does not exist. */
        MISSING,
        /** The principal may not describe it; whether it exists is not disclosed. */
        DENIED
    }

    /**
     * Asks the broker about {@code topic} directly: a topic the principal has no DESCRIBE grant on
     * is left out of {@link #listTopics} without a word, so only this tells "absent" from "denied".
     */
    public Visibility visibility(String topic) {
        try {
            admin().describeTopics(List.of(topic)).allTopicNames().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return Visibility.VISIBLE;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Visibility.MISSING;
            }
            if (e.getCause() instanceof AuthorizationException) {
                return Visibility.DENIED;
            }
            throw translate(topic, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw translate(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayException.FAILURE, "interrupted while describing " + topic, e);
        }
    }

    /** Whether {@code topic} exists and this principal may describe it. */
    public boolean exists(String topic) {
        return listTopics(topic::equals).contains(topic);
    }

    /** Names of the topics this principal can see that match {@code filter}, sorted. */
    public List<String> listTopics(Predicate<String> filter) {
        try {
            Set<String> names = admin().listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return names.stream().filter(filter).sorted().collect(Collectors.toList());
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw translate("(listing topics)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayException.FAILURE, "interrupted while listing topics", e);
        }
    }

    /** Creates {@code topic} with the broker's default replication unless it exists; used by {@code import}. */
    public void createTopic(String topic, int partitions) {
        try {
            admin().createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw translateWrite(topic, e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw translateWrite(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayException.FAILURE, "interrupted while creating " + topic, e);
        }
        awaitLeaders(topic);
    }

    /**
     * Waits until every partition of a just-created topic has a leader: creation is acknowledged
     * by the controller before every broker knows the topic, and a write or describe in between
     * would fail with "does not exist".
     */
    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        while (true) {
            try {
                TopicDescription description = admin().describeTopics(List.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw translate(topic, e);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw translate(topic, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException(ReplayException.FAILURE, "interrupted while creating " + topic, e);
            }
            if (System.nanoTime() > deadline) {
                throw ReplayException.unavailable("topic " + topic + " was created but has no leader for every"
                        + " partition after " + ADMIN_TIMEOUT_SECONDS + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException(ReplayException.FAILURE, "interrupted while creating " + topic, e);
            }
        }
    }

    /** A byte-level consumer in read_committed mode with no group: assign and seek only. */
    public KafkaConsumer<byte[], byte[]> newConsumer() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An idempotent, acks=all byte-level producer (import only). */
    public KafkaProducer<byte[], byte[]> newProducer() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Like {@link #translate}, for a failure to create or write {@code topic} (import). */
    public static ReplayException translateWrite(String topic, Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof AuthorizationException) {
            return ReplayException.unavailable("not authorized to write topic " + topic + ": import needs CREATE,"
                    + " WRITE and DESCRIBE on it; the operator principal has them on the sandbox. prefix only ("
                    + cause.getMessage() + ")");
        }
        return translate(topic, failure);
    }

    /** Turns a client failure on {@code topic} into an operator-facing error. */
    public static ReplayException translate(String topic, Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ReplayException replay) {
            return replay;
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return ReplayException.unavailable("topic " + topic + " does not exist on this cluster");
        }
        if (cause instanceof AuthorizationException) {
            return ReplayException.unavailable("not authorized to read topic " + topic
                    + ": the operator principal needs DESCRIBE and READ on it (" + cause.getMessage() + ")");
        }
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new ReplayException(ReplayException.FAILURE, "timed out talking to Kafka about " + topic
                    + ": check kafka.bootstrap.servers and the security settings", cause);
        }
        return new ReplayException(ReplayException.FAILURE, "Kafka failure on " + topic + ": " + cause, cause);
    }

    private TopicDescription describe(String topic) {
        try {
            return admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw translate(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayException.FAILURE, "interrupted while describing " + topic, e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> props = new HashMap<>(clientProperties);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
            props.keySet().retainAll(AdminClientConfig.configNames());
            admin = Admin.create(props);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
